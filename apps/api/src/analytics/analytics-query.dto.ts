import { IntersectionType, PickType } from '@nestjs/swagger';
import { AllTenantsQueryDto, TimeWindowQueryDto } from '#libs/http/src/index.js';

/** `from`/`to` (default the last 30 days) and, for superadmins, `allTenants`. */
export class AnalyticsWindowQueryDto extends IntersectionType(PickType(TimeWindowQueryDto, ['from', 'to'] as const), AllTenantsQueryDto) {}

/** A paginated analytics list over a window. */
export class AnalyticsPageQueryDto extends IntersectionType(TimeWindowQueryDto, AllTenantsQueryDto) {}
