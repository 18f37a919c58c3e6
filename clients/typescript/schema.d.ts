/**
 * Generated from the OpenAPI document by openapi-typescript: do not edit. Regenerate with `npm run client:generate`.
 */

export interface paths {
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A background job of this tenant and where it stands; another tenant's job is not found */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's webhook endpoints, newest first, without secrets */
        get: operations["listWebhooks"];
        put?: never;
        /** Registers a webhook endpoint; its signing `secret` is in this response only */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint, without its secret */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Deletes an endpoint and its deliveries */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Changes an endpoint; `enabled: true` re-enables one the service disabled */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret; during graceSeconds each delivery carries signatures with both */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queues a `webhook.test` delivery to this endpoint */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's deliveries, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One more attempt of the delivery, now (a failed delivery gets no automatic retry after it) */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Process and database health, with the version */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Process liveness; never touches the database */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's tenants with its role on each (superadmins: every tenant) */
        get: operations["listTenants"];
        put?: never;
        /** Creates a tenant with its first owner (superadmin or admin key) */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant named by X-Organization-Id, with its settings */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renames the tenant, replaces allowedOrigins, merges settings */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/tenant/idp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's own identity provider */
        get: operations["getTenantIdp"];
        /** Registers or replaces the tenant's identity provider; its JWKS is fetched once first, and its tokens are then valid for this tenant only */
        put: operations["putTenantIdp"];
        post?: never;
        /** Removes the tenant's identity provider (idempotent); its tokens stop working at once */
        delete: operations["deleteTenantIdp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/role-strategy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Where members' roles come from: membership rows, or the token's claims (owners keep their rows) */
        put: operations["putTenantRoleStrategy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's members with role, email and createdAt */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Adds a member or changes its role (idempotent); only owners grant or take away owner */
        put: operations["putMember"];
        post?: never;
        /** Removes a member (not yourself; admins cannot remove owners) */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's audit trail, newest first unless order=asc */
        get: operations["listAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every audit row the list would page through (same filters and order), streamed from one snapshot
         * @description NDJSON by default (one list item per line); CSV with `Accept: text/csv` (a header row, nested fields as dotted columns such as `geo.lat`, arrays and free-form objects as JSON text, cells starting with = + - @ prefixed with '). Failures before the first byte are JSON errors; a failure while streaming cuts the connection, so a truncated export never looks complete.
         */
        get: operations["exportAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recomputes the tenant's hash chain, and with `checkpoint` checks that it still holds that head unchanged
         * @description A 400 `invalid_checkpoint` when the checkpoint is malformed, not signed by this service, or of another tenant.
         */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A signed checkpoint of the chain's head
         * @description A compact JWS (ES256, verifiable with /.well-known/jwks.json) over `{tenantId, seq, hash, at}`; keep it outside the system.
         */
        get: operations["getAuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's tokens, newest first, without secrets */
        get: operations["listTokens"];
        put?: never;
        /** Creates an API token; the plaintext `token` is in this response only */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes a token (idempotent), at once on every instance, with the service JWTs minted from it */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issues a new secret for the token; the old one keeps working for graceSeconds */
        post: operations["rotateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchanges a secret API key for a service JWT (ES256, 1 h) usable as Authorization: Bearer */
        post: operations["createServiceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys (current and previous) that verify service JWTs and audit checkpoints */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internal/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The gateway's token check: served from an in-process cache that every revocation evicts at once */
        post: operations["validateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events, newest first unless order=asc; filter by userId, fingerprint, domainprint, domain and a from/to window (default 30 days) */
        get: operations["listEvents"];
        put?: never;
        /** Accepts one event; 202 once it is committed (processed shortly after). A known eventId is a duplicate, stored once. */
        post: operations["ingestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accepts up to 1000 events, all or nothing; 202 once committed (processed shortly after) */
        post: operations["ingestEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/pipeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's pipeline: events waiting, the oldest one's arrival, lag, processed-through time and dead letters */
        get: operations["getPipelineStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/retention/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queues a retention run now: events older than the tenant's retentionDays go, with the users, fingerprints and domainprints only they made */
        post: operations["runRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every event the list would page through (same filters and order), streamed from one snapshot
         * @description NDJSON by default (one list item per line); CSV with `Accept: text/csv` (a header row, nested fields as dotted columns such as `geo.lat`, arrays and free-form objects as JSON text, cells starting with = + - @ prefixed with '). Failures before the first byte are JSON errors; a failure while streaming cuts the connection, so a truncated export never looks complete.
         */
        get: operations["exportEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fingerprints by last seen (or user or event count), descending unless order=asc; collision = seen with more than one user */
        get: operations["listFingerprints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fingerprints/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One fingerprint with its users (most recent 100) and its events (paged by limit/cursor) */
        get: operations["getFingerprint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/domainprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Domainprints, most recently seen first; crossDomain = seen on more than one domain */
        get: operations["listDomainprints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/domainprints/{domainprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One domainprint with its users and fingerprints (most recent 100 each), domains, and events (paged by limit/cursor) */
        get: operations["getDomainprint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** End users seen in events, with risk from the signals of the last 30 days */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every user the list would page through (same filters, sort and order), streamed from one snapshot
         * @description NDJSON by default (one list item per line); CSV with `Accept: text/csv` (a header row, nested fields as dotted columns such as `geo.lat`, arrays and free-form objects as JSON text, cells starting with = + - @ prefixed with '). Failures before the first byte are JSON errors; a failure while streaming cuts the connection, so a truncated export never looks complete.
         */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One end user: the list fields plus metadata, stats, fingerprints, domainprints, incidents and recent events (paged by limit/cursor) */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Sets status and labels, and deep-merges metadata; answers like GET */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/v1/fraud/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users by risk level and per signal, the riskiest users and impossible-travel incidents, over a from/to window (default 30 days). Across tenants (superadmin, allTenants=true): {total, byTenant}. */
        get: operations["getFraudStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identity-graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** With userId or fingerprint: the users, fingerprints and domainprints within depth hops (1..3, default 2), at most 500 nodes (truncated:true when cut), edges carrying event counts. Without a seed: clusters of users linked through shared fingerprints or domainprints, largest first, paginated. Over all time. */
        get: operations["getIdentityGraph"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attribution/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per campaign source, medium or name (groupBy): visits and unique users in the window, signups and purchases in the window by last touch (the user’s latest campaign event at or before the conversion), conversion rate, first- and last-touch conversions. */
        get: operations["getAttributionStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account-sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users flagged for account sharing in the window (latest incident first; dismissed incidents left out, as in risk) with the fingerprints involved and the evidence: fingerprints seen within one window, or overlapping sessions from places far apart (km). Totals count users and fingerprints. */
        get: operations["listAccountSharing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents, one per signal, subject and UTC day, newest first (lastSeenAt); filter signal, status, userId, fingerprint, from/to */
        get: operations["listIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incident */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Triage: status (open, resolved, dismissed) and a note; later evidence never changes them */
        patch: operations["updateIncident"];
        trace?: never;
    };
    "/v1/analytics/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One metric per UTC hour or day over a from/to window (default 30 days), every bucket present. Across tenants (superadmin, allTenants=true): {total, byTenant}. */
        get: operations["getTimeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        JobDto: {
            /** Format: uuid */
            id: string;
            /** @example retention */
            name: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description What the job did (its counts), once it succeeded */
            result: {
                [key: string]: unknown;
            } | null;
            /** @description Why it failed */
            error: string | null;
        };
        /**
         * @description The error catalogue
         * @enum {string}
         */
        ErrorCode: "validation_failed" | "invalid_json" | "invalid_cursor" | "payload_too_large" | "body_timeout" | "unsupported_charset" | "unauthenticated" | "token_expired" | "invalid_signature" | "invalid_token" | "invalid_checkpoint" | "tenant_header_required" | "tenant_header_conflict" | "membership_required" | "role_required" | "scope_required" | "origin_not_allowed" | "forbidden" | "not_found" | "conflict" | "last_owner" | "tenant_exists" | "not_acceptable" | "rate_limited" | "export_in_progress" | "backlog_full" | "tenant_busy" | "database_unavailable" | "service_unavailable" | "unknown_issuer" | "issuer_not_valid_for_tenant" | "org_claim_mismatch" | "issuer_taken" | "jwks_unreachable" | "url_not_allowed" | "webhook_disabled" | "idp_unavailable" | "internal_error" | "invalid_idempotency_key" | "idempotency_key_reused" | "idempotency_key_in_use";
        FieldErrorDto: {
            /**
             * @description Dotted path of the bad field, e.g. `events.3.geo.lat`
             * @example events.3.geo.lat
             */
            path: string;
            /** @example lat must not be greater than 90 */
            message: string;
        };
        /** @description Every error answer (except the own shapes of /health and /internal/validate) */
        ErrorBody: {
            /** @example 400 */
            statusCode: number;
            /**
             * @description The status text
             * @example Bad Request
             */
            error: string;
            /**
             * @description Stable machine-readable code:
             *     - `validation_failed`: The request (body, query or path) has one or more invalid fields; `errors` lists them
             *     - `invalid_json`: The body is not valid JSON, or nests deeper than 32 levels
             *     - `invalid_cursor`: The cursor was not issued by this list for this tenant, sort and order
             *     - `payload_too_large`: The body exceeds the 1 MiB limit
             *     - `body_timeout`: The body did not arrive within 10 seconds of the request being let in; send bodies without pausing
             *     - `unsupported_charset`: The body is not in UTF-8, the only charset JSON bodies may use
             *     - `unauthenticated`: No usable credential was presented
             *     - `token_expired`: The token has expired
             *     - `invalid_signature`: The token's signature does not verify against the issuer's keys
             *     - `invalid_token`: The token is malformed, lacks a required claim, or failed verification
             *     - `invalid_checkpoint`: The audit checkpoint is malformed, not signed by this service, or of another chain
             *     - `tenant_header_required`: This route needs X-Organization-Id
             *     - `tenant_header_conflict`: X-Organization-Id and X-Tenant-Id name different tenants
             *     - `membership_required`: The caller is not a member of the addressed tenant
             *     - `role_required`: The caller's role is below the route's minimum
             *     - `scope_required`: The token lacks a scope the route requires
             *     - `origin_not_allowed`: The request's Origin is not in the tenant's allowedOrigins
             *     - `forbidden`: The caller may not do this
             *     - `not_found`: No such resource in this tenant
             *     - `conflict`: The request conflicts with the current state
             *     - `last_owner`: The change would leave the tenant without an owner
             *     - `tenant_exists`: A tenant with this id exists; ids are compared ignoring case
             *     - `not_acceptable`: The Accept header names no media type this route can answer with
             *     - `rate_limited`: Too many requests; retry after Retry-After seconds
             *     - `export_in_progress`: An export of this tenant is already running (one at a time per tenant); retry after Retry-After seconds
             *     - `backlog_full`: The tenant's unprocessed event backlog is full; retry after Retry-After seconds
             *     - `tenant_busy`: Too many of the tenant's requests are waiting for the database; retry after Retry-After seconds
             *     - `database_unavailable`: The database cannot be reached; retry after Retry-After seconds
             *     - `service_unavailable`: A dependency is not configured or not reachable; retry later
             *     - `unknown_issuer`: The token's issuer is neither the platform's identity provider nor one a tenant registered
             *     - `issuer_not_valid_for_tenant`: A token from a tenant's identity provider addressed another tenant
             *     - `org_claim_mismatch`: The token's organization claim does not name the addressed tenant
             *     - `issuer_taken`: The issuer is already bound to another tenant, or is the platform issuer
             *     - `jwks_unreachable`: The JWKS URL did not answer with a JWKS holding at least one usable signing key
             *     - `url_not_allowed`: The URL breaks the outbound rules (https only in production; no loopback, private, link-local or other internal address)
             *     - `webhook_disabled`: The webhook endpoint is disabled; enable it (PATCH) first
             *     - `idp_unavailable`: The tenant's identity provider could not be reached for its keys; retry later
             *     - `internal_error`: An unexpected error; the request id identifies it in the logs
             *     - `invalid_idempotency_key`: The Idempotency-Key header is empty or longer than 255 characters
             *     - `idempotency_key_reused`: The Idempotency-Key was used before with another body or on another route
             *     - `idempotency_key_in_use`: A request with this Idempotency-Key is still running; retry once it has answered
             * @example validation_failed
             */
            code: components["schemas"]["ErrorCode"];
            /**
             * @description One readable sentence
             * @example limit must be an integer from 1 to 500
             */
            message: string;
            /** @description Also sent as the X-Request-Id header; quote it when reporting a problem */
            requestId: string;
            /** @description Every field problem of a validation answer */
            errors?: components["schemas"]["FieldErrorDto"][];
        };
        CreateWebhookDto: {
            /**
             * @description Where deliveries are POSTed: https:// in production, never an internal address
             * @example https://hooks.example.com/admin-api
             */
            url: string;
            /** @description Event types to receive; `*` receives every type */
            events: ("incident.created" | "incident.updated" | "user.risk_level_changed" | "user.updated" | "member.added" | "member.removed" | "token.created" | "token.revoked" | "audit.appended" | "webhook.test" | "*")[];
            description?: string;
            /** @default true */
            enabled: boolean;
        };
        CreatedWebhookDto: {
            /** @example wh_3q2S0VbXk9mWq7cF1aB2cD */
            id: string;
            url: string;
            description: string | null;
            events: ("incident.created" | "incident.updated" | "user.risk_level_changed" | "user.updated" | "member.added" | "member.removed" | "token.created" | "token.revoked" | "audit.appended" | "webhook.test" | "*")[];
            enabled: boolean;
            /** @description Why the endpoint was disabled by the service (410, deliveries that kept failing) */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The signing secret (`whsec_` + base64 of 32 bytes). Shown this once: it is stored encrypted. */
            secret: string;
        };
        WebhookEndpointDto: {
            /** @example wh_3q2S0VbXk9mWq7cF1aB2cD */
            id: string;
            url: string;
            description: string | null;
            events: ("incident.created" | "incident.updated" | "user.risk_level_changed" | "user.updated" | "member.added" | "member.removed" | "token.created" | "token.revoked" | "audit.appended" | "webhook.test" | "*")[];
            enabled: boolean;
            /** @description Why the endpoint was disabled by the service (410, deliveries that kept failing) */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointPageDto: {
            data: components["schemas"]["WebhookEndpointDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        UpdateWebhookDto: {
            url?: string;
            /** @description Event types to receive; `*` receives every type */
            events?: ("incident.created" | "incident.updated" | "user.risk_level_changed" | "user.updated" | "member.added" | "member.removed" | "token.created" | "token.revoked" | "audit.appended" | "webhook.test" | "*")[];
            description?: string | null;
            /** @description true re-enables an endpoint disabled after failures (its pending deliveries resume) */
            enabled?: boolean;
        };
        RotateWebhookSecretDto: {
            /**
             * @description How long deliveries stay signed with the old secret too
             * @default 0
             */
            graceSeconds: number;
        };
        RotatedWebhookSecretDto: {
            id: string;
            /** @description The new signing secret, shown this once */
            secret: string;
            /**
             * Format: date-time
             * @description Until then deliveries carry a signature with the old secret too
             */
            previousSecretExpiresAt: string | null;
        };
        QueuedDeliveryDto: {
            /** @example msg_0f8c7e6d5b4a39281706f5e4d3c2b1a0 */
            deliveryId: string;
        };
        WebhookDeliveryDto: {
            /**
             * @description Also the `webhook-id` header of every attempt
             * @example msg_0f8c7e6d5b4a39281706f5e4d3c2b1a0
             */
            id: string;
            /** @enum {string} */
            eventType: "incident.created" | "incident.updated" | "user.risk_level_changed" | "user.updated" | "member.added" | "member.removed" | "token.created" | "token.revoked" | "audit.appended" | "webhook.test";
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            /** @description The last attempt's HTTP status; null when it got no answer */
            lastStatusCode: number | null;
            lastError: string | null;
            durationMs: number | null;
            /**
             * Format: date-time
             * @description When it is tried next; null once delivered or failed
             */
            nextAttemptAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookDeliveryPageDto: {
            data: components["schemas"]["WebhookDeliveryDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        HealthStatusDto: {
            /** @enum {string} */
            status: "ok" | "error";
            /** @enum {string} */
            db: "up" | "down";
            /** @example 0.1.0 */
            version: string;
        };
        LivenessDto: {
            /** @enum {string} */
            status: "ok";
        };
        CreateTenantDto: {
            /** @description Tenant id (e.g. a Clerk organization id); generated when absent */
            id?: string;
            name: string;
            /**
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            allowedOrigins?: string[];
            /** @description IdP subject of the first owner */
            ownerUserId: string;
            ownerEmail?: string;
        };
        ImpossibleTravelSettingsDto: {
            /** @default 100 */
            minKm: number;
            /** @default 900 */
            maxKmh: number;
        };
        DeviceSharedSettingsDto: {
            /** @default 2 */
            minUsers: number;
        };
        AccountSharingSettingsDto: {
            /** @default 3 */
            minFingerprints: number;
            /** @default 24 */
            windowHours: number;
            /** @default 50 */
            minKm: number;
        };
        VelocitySettingsDto: {
            /** @default 60 */
            maxEvents: number;
            /** @default 60 */
            windowSeconds: number;
        };
        SignalSettingsDto: {
            impossibleTravel?: components["schemas"]["ImpossibleTravelSettingsDto"];
            deviceShared?: components["schemas"]["DeviceSharedSettingsDto"];
            accountSharing?: components["schemas"]["AccountSharingSettingsDto"];
            velocity?: components["schemas"]["VelocitySettingsDto"];
        };
        TenantSettingsDto: {
            /** @description Signal thresholds overriding the defaults */
            signals?: components["schemas"]["SignalSettingsDto"];
            /**
             * @description How old an accepted event may be, in days
             * @default 365
             */
            retentionDays: number;
        };
        TenantDto: {
            /** @example org_2abcDEF */
            id: string;
            name: string;
            /** @description Origins (`scheme://host[:port]`) publishable keys may send events from */
            allowedOrigins: string[];
            /** @description The settings set so far (defaults apply to the rest) */
            settings: components["schemas"]["TenantSettingsDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description The caller's role (platform operators: owner)
         * @enum {string}
         */
        Role: "viewer" | "editor" | "admin" | "owner";
        TenantMembershipDto: {
            id: string;
            name: string;
            /** @description The caller's role (platform operators: owner) */
            role: components["schemas"]["Role"];
        };
        TenantMembershipPageDto: {
            data: components["schemas"]["TenantMembershipDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        UpdateTenantDto: {
            name?: string;
            allowedOrigins?: string[];
            settings?: components["schemas"]["TenantSettingsDto"];
        };
        TenantIdpDto: {
            /** @example https://acme.clerk.accounts.dev */
            issuer: string;
            /** @example https://acme.clerk.accounts.dev/.well-known/jwks.json */
            jwksUrl: string;
            audience?: string | null;
            /**
             * @example [
             *       "https://dashboard.acme.com"
             *     ]
             */
            authorizedParties: string[];
            /**
             * @example [
             *       "RS256"
             *     ]
             */
            algorithms: ("RS256" | "RS384" | "RS512" | "ES256" | "ES384" | "EdDSA")[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PutTenantIdpDto: {
            /**
             * @description The `iss` of the IdP's tokens, exactly as they carry it
             * @example https://acme.clerk.accounts.dev
             */
            issuer: string;
            /**
             * @description Fetched once before saving; https:// only in production, never an internal address
             * @example https://acme.clerk.accounts.dev/.well-known/jwks.json
             */
            jwksUrl: string;
            /** @description Required `aud`, when the IdP sets one (Auth0: the API identifier) */
            audience?: string;
            /**
             * @description Accepted `azp` values (Clerk tokens carry `azp`)
             * @example [
             *       "https://dashboard.acme.com"
             *     ]
             */
            authorizedParties?: string[];
            /**
             * @default [
             *       "RS256",
             *       "ES256"
             *     ]
             */
            algorithms: ("RS256" | "RS384" | "RS512" | "ES256" | "ES384" | "EdDSA")[];
        };
        PutRoleStrategyDto: {
            /**
             * @description membership: roles from the members list; claim: from the token
             * @example claim
             * @enum {string}
             */
            strategy: "membership" | "claim";
            /**
             * @description Claim path of the role (Clerk v2 `o.rol`, v1 `org_role`); required for claim
             * @example o.rol
             */
            roleClaim?: string;
            /**
             * @description Claim path that must equal the tenant id (Clerk v2 `o.id`, v1 `org_id`); required for claim
             * @example o.id
             */
            orgClaim?: string;
            /**
             * @description Role claim value → role; unmapped values get no role; required for claim
             * @example {
             *       "admin": "admin",
             *       "member": "viewer"
             *     }
             */
            roleMap?: {
                [key: string]: "admin" | "editor" | "viewer";
            };
        };
        RoleStrategyDto: {
            /** @enum {string} */
            strategy: "membership" | "claim";
            /** @example o.rol */
            roleClaim?: string | null;
            /** @example o.id */
            orgClaim?: string | null;
            /**
             * @example {
             *       "admin": "admin",
             *       "member": "viewer"
             *     }
             */
            roleMap?: {
                [key: string]: string;
            } | null;
            /** Format: date-time */
            updatedAt: string;
        };
        MemberDto: {
            /** @description The IdP subject */
            userId: string;
            role: components["schemas"]["Role"];
            email: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        MemberPageDto: {
            data: components["schemas"]["MemberDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        PutMemberDto: {
            /** @enum {string} */
            role: "viewer" | "editor" | "admin" | "owner";
            email?: string;
        };
        AuditRecordDto: {
            /** @description null on the platform chain */
            tenantId: string | null;
            /** @description Position in the tenant’s chain, from 1 without gaps */
            seq: number;
            /**
             * Format: date-time
             * @description ISO-8601 UTC to the microsecond
             */
            at: string;
            /**
             * @description member, superadmin, token, admin_key, anonymous, or system (a job, the webhook dispatcher)
             * @example member
             */
            actorType: string;
            actorId: string;
            /** @example token.create */
            operation: string;
            /** @example token */
            entityType: string;
            entityId: string | null;
            /** @enum {string} */
            outcome: "ok" | "denied" | "error";
            requestId: string | null;
            ip: string | null;
            details: {
                [key: string]: unknown;
            };
            /** @description The previous record’s hash (hex) */
            hashPrev: string;
            /**
             * @description 1: legacy records; 2: keyed (HMAC) records
             * @enum {number}
             */
            hashVersion: 1 | 2;
            /** @description This record’s hash (hex) */
            hash: string;
        };
        AuditRecordPageDto: {
            data: components["schemas"]["AuditRecordDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        ChainValidDto: {
            /** @enum {boolean} */
            valid: true;
            /** @description Records verified */
            rows: number;
        };
        ChainBrokenDto: {
            /** @enum {boolean} */
            valid: false;
            /** @description The first record that does not verify */
            firstBadSeq: number;
            /** @example hash mismatch */
            reason: string;
        };
        AuditCheckpointDto: {
            /** @description Compact JWS (ES256, verifiable with /.well-known/jwks.json) over `{tenantId, seq, hash, at}` */
            checkpoint: string;
        };
        CreateTokenDto: {
            /** @example Checkout backend */
            name: string;
            /**
             * @description secret (sk_, server side) or publishable (pk_, SDK: events:write only)
             * @enum {string}
             */
            kind: "secret" | "publishable";
            /** @description Required for secret tokens; publishable tokens carry exactly events:write */
            scopes?: ("events:write" | "events:read" | "analytics:read" | "users:write")[];
            /**
             * Format: date-time
             * @description When the token stops working; never when absent
             */
            expiresAt?: string;
        };
        CreatedTokenDto: {
            id: string;
            /** @description The plaintext token. Shown this once: it is stored only as a hash. */
            token: string;
            name: string;
            /** @enum {string} */
            kind: "secret" | "publishable";
            prefix: string;
            scopes: ("events:write" | "events:read" | "analytics:read" | "users:write")[];
            /**
             * Format: date-time
             * @description null: no expiry
             */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ApiTokenDto: {
            /** @example tok_3q2S0VbXk9mWq7cF1aB2cD */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "secret" | "publishable";
            /**
             * @description The first characters of the secret, for recognition
             * @example sk_AbCdEfGh
             */
            prefix: string;
            scopes: ("events:write" | "events:read" | "analytics:read" | "users:write")[];
            /** Format: date-time */
            createdAt: string;
            /** @description Who created it (user id, or admin-api-key) */
            createdBy: string;
            /**
             * Format: date-time
             * @description null: no expiry
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description Updated every few seconds, not per request
             */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        TokenPageDto: {
            data: components["schemas"]["ApiTokenDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        RotateTokenDto: {
            /**
             * @description How long the old secret keeps working
             * @default 0
             */
            graceSeconds: number;
        };
        RotatedTokenDto: {
            id: string;
            /** @description The plaintext token. Shown this once: it is stored only as a hash. */
            token: string;
            name: string;
            /** @enum {string} */
            kind: "secret" | "publishable";
            prefix: string;
            scopes: ("events:write" | "events:read" | "analytics:read" | "users:write")[];
            /**
             * Format: date-time
             * @description null: no expiry
             */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the previous secret stops working
             */
            previousTokenExpiresAt: string | null;
        };
        ExchangeTokenDto: {
            /** @description A secret API token (sk_...) */
            apiKey: string;
        };
        ServiceTokenDto: {
            /** @description ES256 JWT: iss admin-api, sub the API token id, tid its tenant, scope its scopes */
            token: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /**
             * @description Seconds; 3600 unless the API token expires sooner
             * @example 3600
             */
            expiresIn: number;
        };
        JwkDto: {
            /** @enum {string} */
            kty: "EC";
            /** @enum {string} */
            crv: "P-256";
            x: string;
            y: string;
            /** @description The key id JWT headers name */
            kid: string;
            /** @enum {string} */
            alg: "ES256";
            /** @enum {string} */
            use: "sig";
        };
        JwksDto: {
            /** @description The current key first, then the previous one while it may still verify tokens */
            keys: components["schemas"]["JwkDto"][];
        };
        ValidateTokenDto: {
            /** @description An API token (sk_/pk_) or a service JWT from POST /v1/auth/token */
            token: string;
        };
        ValidTokenDto: {
            /** @enum {boolean} */
            valid: true;
            tenantId: string;
            tokenId: string;
            /** @enum {string} */
            kind: "secret" | "publishable";
            scopes: string[];
            /**
             * Format: date-time
             * @description When this credential stops working; null = no expiry
             */
            expiresAt: string | null;
        };
        InvalidTokenDto: {
            /** @enum {boolean} */
            valid: false;
            /** @enum {string} */
            reason: "unknown" | "revoked" | "expired";
        };
        EventAcceptedDto: {
            /** @description The eventId (generated when absent) */
            id: string;
            /** @description With `Prefer: wait=N` only: whether the event was processed within N seconds */
            processed?: boolean;
        };
        BatchAcceptedDto: {
            /** @description Events newly accepted */
            accepted: number;
            /** @description Events whose eventId repeats within the batch or was accepted before (stored once) */
            duplicates: number;
            /** @description With `Prefer: wait=N` only: whether the events were processed within N seconds */
            processed?: boolean;
        };
        PipelineStatusDto: {
            /** @description Events accepted and not yet processed */
            backlog: number;
            /**
             * Format: date-time
             * @description Arrival of the oldest waiting event; null when none waits
             */
            oldestPendingAt: string | null;
            /** @description Seconds the oldest waiting event has waited (0 when none waits) */
            lagSeconds: number;
            /**
             * Format: date-time
             * @description The arrival time through which the tenant’s events are processed
             */
            processedThrough: string;
            /** @description Events set aside because they could not be processed */
            deadLetters: number;
        };
        QueuedJobDto: {
            /**
             * Format: uuid
             * @description Follow it with GET /v1/jobs/{id}
             */
            jobId: string;
        };
        /** @enum {string} */
        EventType: "page_view" | "login" | "signup" | "purchase" | "custom";
        GeoDto: {
            lat: number;
            lon: number;
            country: string | null;
            city: string | null;
        };
        CampaignDto: {
            source: string;
            medium: string;
            name: string;
            term: string | null;
            content: string | null;
        };
        EventDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            /** @description The eventId */
            id: string;
            eventId: string;
            fingerprint: string;
            domainprint: string | null;
            userId: string | null;
            domain: string;
            url: string | null;
            eventType: components["schemas"]["EventType"];
            ip: string | null;
            userAgent: string | null;
            geo: components["schemas"]["GeoDto"] | null;
            campaign: components["schemas"]["CampaignDto"] | null;
            sessionId: string | null;
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description When the API accepted it
             */
            receivedAt: string;
        };
        EventPageDto: {
            data: components["schemas"]["EventDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        FingerprintDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            fingerprint: string;
            /** @description Distinct users seen with it */
            userCount: number;
            eventCount: number;
            domains: string[];
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
            /** @description Seen with more than one user */
            collision: boolean;
        };
        FingerprintPageDto: {
            data: components["schemas"]["FingerprintDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        RelatedUserDto: {
            userId: string;
            /** @description Events of this user with the print */
            eventCount: number;
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
        };
        FingerprintDetailDto: {
            fingerprint: string;
            /** @description Distinct users seen with it */
            userCount: number;
            eventCount: number;
            domains: string[];
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
            /** @description Seen with more than one user */
            collision: boolean;
            /** @description The most recent 100 users */
            users: components["schemas"]["RelatedUserDto"][];
            /** @description Newest first, paged by limit/cursor */
            events: components["schemas"]["EventPageDto"];
        };
        DomainprintDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            domainprint: string;
            userCount: number;
            fingerprintCount: number;
            eventCount: number;
            domains: string[];
            /** @description Seen on more than one domain */
            crossDomain: boolean;
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
        };
        DomainprintPageDto: {
            data: components["schemas"]["DomainprintDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        DomainprintFingerprintDto: {
            fingerprint: string;
            /** Format: date-time */
            firstSeen: string;
        };
        DomainprintDetailDto: {
            domainprint: string;
            userCount: number;
            fingerprintCount: number;
            eventCount: number;
            domains: string[];
            /** @description Seen on more than one domain */
            crossDomain: boolean;
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
            /** @description The most recent 100 users */
            users: components["schemas"]["RelatedUserDto"][];
            /** @description The most recent 100 fingerprints */
            fingerprints: components["schemas"]["DomainprintFingerprintDto"][];
            /** @description Newest first, paged by limit/cursor */
            events: components["schemas"]["EventPageDto"];
        };
        /** @enum {string} */
        RiskLevel: "low" | "medium" | "high" | "critical";
        /**
         * @description Signals with an incident in the last 30 days
         * @enum {string}
         */
        Signal: "impossible_travel" | "device_shared" | "account_sharing" | "velocity";
        /** @enum {string} */
        UserStatus: "active" | "trusted" | "blocked";
        UserDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            userId: string;
            eventCount: number;
            fingerprintCount: number;
            domains: string[];
            /** @description Sum of the weights of the signals of the last 30 days, at most 100 */
            riskScore: number;
            riskLevel: components["schemas"]["RiskLevel"];
            /** @description Signals with an incident in the last 30 days */
            signals: components["schemas"]["Signal"][];
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
            status: components["schemas"]["UserStatus"];
            labels: string[];
        };
        UserPageDto: {
            data: components["schemas"]["UserDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        EventsByTypeDto: {
            page_view: number;
            login: number;
            signup: number;
            purchase: number;
            custom: number;
        };
        UserStatsDto: {
            eventCount: number;
            eventsByType: components["schemas"]["EventsByTypeDto"];
            fingerprintCount: number;
            domainprintCount: number;
            domainCount: number;
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
        };
        UserFingerprintDto: {
            fingerprint: string;
            /** @description Events of this user with the fingerprint */
            eventCount: number;
            /** @description Users seen with the fingerprint */
            userCount: number;
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
        };
        UserDomainprintDto: {
            domainprint: string;
            /** @description Events of this user with the domainprint */
            eventCount: number;
            domains: string[];
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
        };
        SignalEvidenceDto: {
            signal: components["schemas"]["Signal"];
            /**
             * Format: date-time
             * @description The first event of the incident
             */
            startedAt: string;
            /**
             * Format: date-time
             * @description The event that raised it
             */
            occurredAt: string;
            /**
             * Format: date-time
             * @description When the pipeline detected it
             */
            detectedAt: string;
            /** @description What the signal saw (distances, fingerprints, users...) */
            evidence: {
                [key: string]: unknown;
            };
        };
        UserDetailDto: {
            userId: string;
            eventCount: number;
            fingerprintCount: number;
            domains: string[];
            /** @description Sum of the weights of the signals of the last 30 days, at most 100 */
            riskScore: number;
            riskLevel: components["schemas"]["RiskLevel"];
            /** @description Signals with an incident in the last 30 days */
            signals: components["schemas"]["Signal"][];
            /** Format: date-time */
            firstSeen: string;
            /** Format: date-time */
            lastSeen: string;
            status: components["schemas"]["UserStatus"];
            labels: string[];
            /** @description Free-form, set with PATCH (deep-merged) */
            metadata: {
                [key: string]: unknown;
            };
            stats: components["schemas"]["UserStatsDto"];
            /** @description The most recent 100 */
            fingerprints: components["schemas"]["UserFingerprintDto"][];
            /** @description The most recent 100 */
            domainprints: components["schemas"]["UserDomainprintDto"][];
            /** @description Signal incidents, the most recent 100 */
            incidents: components["schemas"]["SignalEvidenceDto"][];
            /** @description Newest first, paged by limit/cursor */
            recentEvents: components["schemas"]["EventPageDto"];
        };
        UpdateUserDto: {
            /** @enum {string} */
            status?: "active" | "trusted" | "blocked";
            /** @description Replaces the labels (each 1 to 64 characters) */
            labels?: string[];
            /** @description Merge patch (at most 16 KB once merged): nested objects merge, null deletes a key; __proto__, constructor and prototype keys are rejected */
            metadata?: {
                [key: string]: unknown;
            };
        };
        RiskLevelCountsDto: {
            low: number;
            medium: number;
            high: number;
            critical: number;
        };
        SignalCountsDto: {
            impossible_travel: number;
            device_shared: number;
            account_sharing: number;
            velocity: number;
        };
        RiskyUserDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            userId: string;
            riskScore: number;
            riskLevel: components["schemas"]["RiskLevel"];
            signals: components["schemas"]["Signal"][];
        };
        PlaceDto: {
            lat: number;
            lon: number;
            city: string | null;
            country: string | null;
            /** Format: date-time */
            at: string;
        };
        ImpossibleTravelDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            userId: string;
            from: components["schemas"]["PlaceDto"];
            to: components["schemas"]["PlaceDto"];
            /** @description Haversine distance */
            km: number;
            /** @description Implied speed; null when both events have the same time */
            kmh: number | null;
        };
        FraudStatsDto: {
            /** @description Users per risk level */
            riskLevels: components["schemas"]["RiskLevelCountsDto"];
            /** @description Users per signal */
            signals: components["schemas"]["SignalCountsDto"];
            topRiskyUsers: components["schemas"]["RiskyUserDto"][];
            impossibleTravel: components["schemas"]["ImpossibleTravelDto"][];
        };
        TenantFraudCountsDto: {
            tenantId: string;
            riskLevels: components["schemas"]["RiskLevelCountsDto"];
            signals: components["schemas"]["SignalCountsDto"];
        };
        FraudStatsAcrossTenantsDto: {
            total: components["schemas"]["FraudStatsDto"];
            /** @description Each tenant’s counts, in tenant id order */
            byTenant: components["schemas"]["TenantFraudCountsDto"][];
        };
        /** @enum {string} */
        GraphNodeType: "user" | "fingerprint" | "domainprint";
        GraphNodeDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            /** @description The raw userId, fingerprint or domainprint */
            id: string;
            type: components["schemas"]["GraphNodeType"];
        };
        GraphEdgeDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            from: string;
            /** @enum {string} */
            fromType: "user";
            to: string;
            /** @enum {string} */
            toType: "fingerprint" | "domainprint";
            eventCount: number;
        };
        IdentityGraphDto: {
            /** @description Unique by (type, id); at most 500 */
            nodes: components["schemas"]["GraphNodeDto"][];
            edges: components["schemas"]["GraphEdgeDto"][];
            /** @description The graph was cut at 500 nodes */
            truncated: boolean;
        };
        IdentityClusterDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            /** @description Users in the cluster */
            size: number;
            /** @description At most 100 */
            users: string[];
            /** @description At most 100 */
            fingerprints: string[];
            /** @description At most 100 */
            domainprints: string[];
            fingerprintCount: number;
            domainprintCount: number;
        };
        IdentityClusterPageDto: {
            data: components["schemas"]["IdentityClusterDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        AttributionRowDto: {
            /** @description The campaign source (groupBy=source) */
            source?: string;
            /** @description The campaign medium (groupBy=medium) */
            medium?: string;
            /** @description The campaign name (groupBy=campaign) */
            campaign?: string;
            /** @description Events carrying a campaign of the group */
            visits: number;
            uniqueUsers: number;
            /** @description Signups attributed by last touch */
            signups: number;
            /** @description Purchases attributed by last touch */
            purchases: number;
            /** @description Converting users / uniqueUsers, rounded to 4 decimals */
            conversionRate: number;
            firstTouchConversions: number;
            lastTouchConversions: number;
        };
        AttributionStatsDto: {
            /** @description Most visits first */
            data: components["schemas"]["AttributionRowDto"][];
        };
        TenantAttributionStatsDto: {
            /** @description Most visits first */
            data: components["schemas"]["AttributionRowDto"][];
            tenantId: string;
        };
        AttributionAcrossTenantsDto: {
            total: components["schemas"]["AttributionStatsDto"];
            /** @description Each tenant’s rows, in tenant id order */
            byTenant: components["schemas"]["TenantAttributionStatsDto"][];
        };
        FlaggedUserDto: {
            /** @description The tenant, on reads across tenants (superadmin, `allTenants=true`) only */
            tenantId?: string;
            userId: string;
            /** @description Fingerprints its incidents name */
            fingerprints: string[];
            incidentCount: number;
            /** Format: date-time */
            lastIncidentAt: string;
            /** @description The latest 20 incidents’ evidence: fingerprints within one window, or overlapping sessions and their distance */
            evidence: {
                [key: string]: unknown;
            }[];
        };
        SharingTotalsDto: {
            /** @description Flagged users (dismissed incidents do not flag) */
            users: number;
            /** @description Distinct fingerprints named by account-sharing evidence over the window, whatever its triage */
            fingerprints: number;
        };
        TenantSharingTotalsDto: {
            /** @description Flagged users (dismissed incidents do not flag) */
            users: number;
            /** @description Distinct fingerprints named by account-sharing evidence over the window, whatever its triage */
            fingerprints: number;
            tenantId: string;
        };
        AccountSharingPageDto: {
            data: components["schemas"]["FlaggedUserDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
            totals: components["schemas"]["SharingTotalsDto"];
            /** @description Across tenants (superadmin, `allTenants=true`) only */
            byTenant?: components["schemas"]["TenantSharingTotalsDto"][];
        };
        /** @enum {string} */
        IncidentStatus: "open" | "resolved" | "dismissed";
        IncidentSubjectDto: {
            /** @enum {string} */
            type: "user" | "fingerprint";
            id: string;
        };
        IncidentDto: {
            /** @example inc_1042 */
            id: string;
            signal: components["schemas"]["Signal"];
            status: components["schemas"]["IncidentStatus"];
            subject: components["schemas"]["IncidentSubjectDto"];
            /** @description Users involved */
            users: string[];
            /**
             * Format: date-time
             * @description Time of the first event behind it
             */
            firstSeenAt: string;
            /**
             * Format: date-time
             * @description Time of the latest event behind it
             */
            lastSeenAt: string;
            /** @description Times the signal fired for this subject that day */
            occurrences: number;
            /** @description What the signal saw */
            evidence: {
                [key: string]: unknown;
            };
            /** @description The tenant’s triage note */
            note: string | null;
        };
        IncidentPageDto: {
            data: components["schemas"]["IncidentDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Whether another page follows (nextCursor is not null) */
            hasMore: boolean;
        };
        UpdateIncidentDto: {
            /** @enum {string} */
            status?: "open" | "resolved" | "dismissed";
            note?: string;
        };
        /** @enum {string} */
        TimeseriesMetric: "events" | "new_users" | "incidents" | "risky_users";
        /** @enum {string} */
        TimeseriesInterval: "hour" | "day";
        TimeseriesPointDto: {
            /**
             * Format: date-time
             * @description The bucket’s start (UTC)
             */
            t: string;
            value: number;
        };
        TimeseriesDto: {
            metric: components["schemas"]["TimeseriesMetric"];
            interval: components["schemas"]["TimeseriesInterval"];
            /** @description Every bucket from the one holding `from` to the one holding the end of the window, zeros included (at most 1000) */
            data: components["schemas"]["TimeseriesPointDto"][];
        };
        TenantTimeseriesDto: {
            metric: components["schemas"]["TimeseriesMetric"];
            interval: components["schemas"]["TimeseriesInterval"];
            /** @description Every bucket from the one holding `from` to the one holding the end of the window, zeros included (at most 1000) */
            data: components["schemas"]["TimeseriesPointDto"][];
            tenantId: string;
        };
        TimeseriesAcrossTenantsDto: {
            /** @description Each bucket summed over the tenants */
            total: components["schemas"]["TimeseriesDto"];
            /** @description Each tenant’s series, in tenant id order */
            byTenant: components["schemas"]["TenantTimeseriesDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id, from the answer that queued it */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            /**
             * @description `validation_failed`, or `url_not_allowed`: the URL breaks the outbound rules
             *
             *     Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another body or route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /**
             * @description `validation_failed`, or `url_not_allowed`: the URL breaks the outbound rules
             *
             *     Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedWebhookSecretDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another body or route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedDeliveryDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `webhook_disabled`: enable the endpoint first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook id (`wh_...`), from GET /v1/webhooks */
                id: string;
                /** @description From the deliveries list */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `not_found`
             *
             *     `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Process and database are up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatusDto"];
                };
            };
            /** @description The database is unreachable: `{status:"error", db:"down"}` (Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatusDto"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessDto"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantMembershipPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`... */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`... */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `tenant_exists`: a tenant with this id exists (ids compare ignoring case) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another body or route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getTenantIdp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIdpDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    putTenantIdp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutTenantIdpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIdpDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description issuer_taken: another tenant or the platform uses this issuer */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteTenantIdp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    putTenantRoleStrategy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutRoleStrategyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleStrategyDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    putMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The member’s IdP subject */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutMemberDto"];
            };
        };
        responses: {
            /** @description Member updated or unchanged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            /** @description Member added */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `last_owner`: the change would leave the tenant without an owner */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The member’s IdP subject */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `last_owner`: the tenant would be left without an owner */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listAuditRecords: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                order?: "asc" | "desc";
                actorId?: string;
                entityType?: string;
                operation?: string;
                outcome?: "ok" | "denied" | "error";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditRecordPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportAuditLog: {
        parameters: {
            query?: {
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                order?: "asc" | "desc";
                actorId?: string;
                entityType?: string;
                operation?: string;
                outcome?: "ok" | "denied" | "error";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["AuditRecordDto"];
                    "text/csv": string;
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_acceptable`: Accept names neither application/x-ndjson nor text/csv */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `export_in_progress`: another export of this tenant is running (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: {
                /** @description A checkpoint from GET /v1/audit/checkpoint: the chain must still hold its head, unchanged */
                checkpoint?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{valid:true, rows}` or `{valid:false, firstBadSeq, reason}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainValidDto"] | components["schemas"]["ChainBrokenDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getAuditCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditCheckpointDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedTokenDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another body or route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token id (`tok_...`), from GET /v1/tokens */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already revoked) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rotateToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A client-chosen key (1 to 255 characters) that makes retries safe: for 24 h, a retry by the same caller (and tenant) with the same body replays the first answer with `Idempotent-Replayed: true`; another body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotency_key_in_use`. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The token id (`tok_...`), from GET /v1/tokens */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedTokenDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `conflict`: the token is revoked or expired */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another body or route */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createServiceToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExchangeTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceTokenDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`... */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unauthenticated`: invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `rate_limited`: more than 20 failed attempts from this client in a minute (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwksDto"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    validateToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description `no-cache`: read the token from the database instead of the cache */
                "Cache-Control"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValidateTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidTokenDto"];
                };
            };
            /** @description `validation_failed`: the body is not `{token}` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The token does not work: `{valid:false, reason}` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidTokenDto"];
                };
            };
            /** @description `forbidden`: wrong or missing X-Internal-Secret */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `rate_limited`: more than 30 failed attempts from this client in a minute (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `service_unavailable`: INTERNAL_API_SECRET is not configured; or the database is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                order?: "asc" | "desc";
                userId?: string;
                fingerprint?: string;
                domainprint?: string;
                domain?: string;
                eventType?: "page_view" | "login" | "signup" | "purchase" | "custom";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ingestEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description `wait=N` (seconds, at most 30): answer 200 with `processed:true` once these events are processed, or 202 `processed:false` after N s */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Client id, unique per tenant: a retry with the same id is stored once. Generated when absent. */
                    eventId?: string;
                    fingerprint: string;
                    domainprint?: string;
                    userId?: string;
                    /** @example shop.example.com */
                    domain: string;
                    url?: string;
                    /**
                     * @default page_view
                     * @enum {string}
                     */
                    eventType?: "page_view" | "login" | "signup" | "purchase" | "custom";
                    /**
                     * @description End-user IP; secret keys only (publishable keys: the request address). Default: the request address.
                     * @example 203.0.113.7
                     */
                    ip?: string;
                    userAgent?: string;
                    geo?: {
                        lat: number;
                        lon: number;
                        country?: string;
                        city?: string;
                    };
                    campaign?: {
                        source: string;
                        medium: string;
                        name: string;
                        term?: string;
                        content?: string;
                    };
                    sessionId?: string;
                    /**
                     * Format: date-time
                     * @description ISO-8601 with a time zone; default now. Secret keys: up to 24 h ahead, back to the retention; publishable keys: within 10 minutes of server time.
                     */
                    timestamp?: string;
                };
            };
        };
        responses: {
            /** @description With `Prefer: wait=N`, once processed: the same body plus `processed: true` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAcceptedDto"];
                };
            };
            /** @description `{id}`: the eventId (generated when absent) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAcceptedDto"];
                };
            };
            /**
             * @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`
             *
             *     `validation_failed`: Names the bad field
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `body_timeout`: the body did not arrive within 10 seconds */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds
             *
             *     `backlog_full`: too many of the tenant’s events wait to be processed; `tenant_busy`: too many of its requests wait for a turn (both with Retry-After); or the database is unreachable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ingestEventBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description `wait=N` (seconds, at most 30): answer 200 with `processed:true` once these events are processed, or 202 `processed:false` after N s */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        /** @description Client id, unique per tenant: a retry with the same id is stored once. Generated when absent. */
                        eventId?: string;
                        fingerprint: string;
                        domainprint?: string;
                        userId?: string;
                        /** @example shop.example.com */
                        domain: string;
                        url?: string;
                        /**
                         * @default page_view
                         * @enum {string}
                         */
                        eventType?: "page_view" | "login" | "signup" | "purchase" | "custom";
                        /**
                         * @description End-user IP; secret keys only (publishable keys: the request address). Default: the request address.
                         * @example 203.0.113.7
                         */
                        ip?: string;
                        userAgent?: string;
                        geo?: {
                            lat: number;
                            lon: number;
                            country?: string;
                            city?: string;
                        };
                        campaign?: {
                            source: string;
                            medium: string;
                            name: string;
                            term?: string;
                            content?: string;
                        };
                        sessionId?: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 with a time zone; default now. Secret keys: up to 24 h ahead, back to the retention; publishable keys: within 10 minutes of server time.
                         */
                        timestamp?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description With `Prefer: wait=N`, once processed: the same body plus `processed: true` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAcceptedDto"];
                };
            };
            /** @description `{accepted, duplicates}`: newly accepted events, and eventIds repeated in the batch or accepted before */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAcceptedDto"];
                };
            };
            /**
             * @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`
             *
             *     `validation_failed`: Names the first bad event by index, e.g. `events.3.timestamp ...`
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `body_timeout`: the body did not arrive within 10 seconds */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /**
             * @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds
             *
             *     `backlog_full`: too many of the tenant’s events wait to be processed; `tenant_busy`: too many of its requests wait for a turn (both with Retry-After); or the database is unreachable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPipelineStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineStatusDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    runRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedJobDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportEvents: {
        parameters: {
            query?: {
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                order?: "asc" | "desc";
                userId?: string;
                fingerprint?: string;
                domainprint?: string;
                domain?: string;
                eventType?: "page_view" | "login" | "signup" | "purchase" | "custom";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["EventDto"];
                    "text/csv": string;
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_acceptable`: Accept names neither application/x-ndjson nor text/csv */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `export_in_progress`: another export of this tenant is running (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listFingerprints: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                order?: "asc" | "desc";
                /** @description Last seen at or after (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                from?: string;
                /** @description Last seen before (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                to?: string;
                /** @description Only fingerprints seen with more than one user */
                collisionsOnly?: boolean;
                /** @description fingerprint prefix */
                q?: string;
                /** @description Descending unless `order=asc` */
                sort?: "lastSeen" | "userCount" | "eventCount";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FingerprintPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getFingerprint: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path: {
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FingerprintDetailDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listDomainprints: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                /** @description Only domainprints seen on more than one domain */
                crossDomainOnly?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainprintPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getDomainprint: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path: {
                domainprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainprintDetailDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                order?: "asc" | "desc";
                /** @description Last seen at or after (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                from?: string;
                /** @description Last seen before (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                to?: string;
                riskLevel?: "low" | "medium" | "high" | "critical";
                /** @description userId prefix */
                q?: string;
                status?: "active" | "trusted" | "blocked";
                /** @description Users carrying this label (whole value) */
                label?: string;
                /** @description Users with this signal in the last 30 days (as their risk counts it) */
                signal?: "impossible_travel" | "device_shared" | "account_sharing" | "velocity";
                /** @description Users seen on this domain */
                domain?: string;
                /** @description Descending unless `order=asc` */
                sort?: "lastSeen" | "riskScore" | "eventCount";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                order?: "asc" | "desc";
                /** @description Last seen at or after (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                from?: string;
                /** @description Last seen before (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default unbounded */
                to?: string;
                riskLevel?: "low" | "medium" | "high" | "critical";
                /** @description userId prefix */
                q?: string;
                status?: "active" | "trusted" | "blocked";
                /** @description Users carrying this label (whole value) */
                label?: string;
                /** @description Users with this signal in the last 30 days (as their risk counts it) */
                signal?: "impossible_travel" | "device_shared" | "account_sharing" | "velocity";
                /** @description Users seen on this domain */
                domain?: string;
                /** @description Descending unless `order=asc` */
                sort?: "lastSeen" | "riskScore" | "eventCount";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["UserDto"];
                    "text/csv": string;
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_acceptable`: Accept names neither application/x-ndjson nor text/csv */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `export_in_progress`: another export of this tenant is running (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The end user’s id as events carry it */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetailDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The end user’s id as events carry it */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetailDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getFraudStats: {
        parameters: {
            query?: {
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                /** @description Entries in topRiskyUsers and in impossibleTravel */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant’s figures (counts are users); across tenants `{total, byTenant}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FraudStatsDto"] | components["schemas"]["FraudStatsAcrossTenantsDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getIdentityGraph: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                /** @description Seed: the graph around this end user */
                userId?: string;
                /** @description Seed: the graph around this fingerprint */
                fingerprint?: string;
                /** @description Hops from the seed (with userId or fingerprint only) */
                depth?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{nodes, edges, truncated}` with a seed; a page of clusters without */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityGraphDto"] | components["schemas"]["IdentityClusterPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getAttributionStats: {
        parameters: {
            query?: {
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                /** @description Campaign field each row stands for (campaign = the campaign name) */
                groupBy?: "source" | "medium" | "campaign";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{data:[...]}`, one row per value of groupBy (in the field of that name); across tenants `{total, byTenant}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttributionStatsDto"] | components["schemas"]["AttributionAcrossTenantsDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listAccountSharing: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountSharingPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page (`nextCursor`) of the same list, sort and order */
                cursor?: string;
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                signal?: "impossible_travel" | "device_shared" | "account_sharing" | "velocity";
                status?: "open" | "resolved" | "dismissed";
                /** @description Incidents whose subject or listed users include this user */
                userId?: string;
                /** @description Incidents about this fingerprint */
                fingerprint?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentPageDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The incident id (`inc_...`) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The incident id (`inc_...`) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateIncidentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentDto"];
                };
            };
            /** @description Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body exceeds 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_charset`: the body is not UTF-8 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getTimeseries: {
        parameters: {
            query: {
                /** @description Window start, inclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default 30 days before `to` */
                from?: string;
                /** @description Window end, exclusive (ISO-8601 with an offset or Z; a date alone is 00:00 UTC); default now */
                to?: string;
                /** @description Superadmin, without X-Organization-Id: read across all tenants (audited) */
                allTenants?: boolean;
                /** @description `events` by event time; `new_users`: users whose first event falls in the bucket; `incidents` by first-seen time (dismissed ones included); `risky_users`: flagged users, each once, in the bucket of its latest signal occurrence outside dismissed incidents */
                metric: components["schemas"]["TimeseriesMetric"];
                /** @description Bucket size, aligned in UTC */
                interval?: components["schemas"]["TimeseriesInterval"];
                /** @description Only incidents of this signal (metrics `incidents` and `risky_users`) */
                signal?: components["schemas"]["Signal"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant’s series; across tenants `{total, byTenant}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeseriesDto"] | components["schemas"]["TimeseriesAcrossTenantsDto"];
                };
            };
            /**
             * @description `validation_failed`: an unknown metric, interval or signal, a signal on a metric it does not narrow, a malformed or inverted window, or more than 1000 buckets
             *
             *     Invalid request: `validation_failed`, `invalid_cursor`, `invalid_json`, `tenant_header_required`, `tenant_header_conflict`
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No usable credential: `unauthenticated`, `token_expired`, `invalid_signature`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Authenticated, but not allowed here: `membership_required`, `role_required`, `scope_required`, `origin_not_allowed`, `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `not_found`: the tenant (X-Organization-Id), or the resource the path names, does not exist in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `database_unavailable`, `tenant_busy` or `service_unavailable`: retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
