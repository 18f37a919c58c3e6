import type { EventInput, EventType } from '../fingerprints/event-schema.js';

/**
 * Realistic, reproducible demo traffic: a population of users with their devices (fingerprints) and
 * cross-domain prints browsing several domains in sessions, anonymous visitors, campaign landings, and
 * the patterns the signal engine looks for: shared family devices, travellers and VPN hoppers
 * (impossible travel), account sharers on several devices in several cities, and credential-stuffing
 * bots firing bursts of logins. The same seed always produces the same events.
 */
export interface TrafficOptions {
  /** Size of the user population. */
  users: number;
  seed?: number;
  /** Prefix of generated ids, so that several runs into one tenant do not collide. */
  runId?: string;
}

interface City {
  name: string;
  country: string;
  lat: number;
  lon: number;
}

const CITIES: City[] = [
  { name: 'Paris', country: 'FR', lat: 48.8566, lon: 2.3522 },
  { name: 'Lyon', country: 'FR', lat: 45.764, lon: 4.8357 },
  { name: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405 },
  { name: 'Munich', country: 'DE', lat: 48.1351, lon: 11.582 },
  { name: 'London', country: 'GB', lat: 51.5072, lon: -0.1276 },
  { name: 'Madrid', country: 'ES', lat: 40.4168, lon: -3.7038 },
  { name: 'Milan', country: 'IT', lat: 45.4642, lon: 9.19 },
  { name: 'Amsterdam', country: 'NL', lat: 52.3676, lon: 4.9041 },
  { name: 'Warsaw', country: 'PL', lat: 52.2297, lon: 21.0122 },
  { name: 'New York', country: 'US', lat: 40.7128, lon: -74.006 },
  { name: 'Chicago', country: 'US', lat: 41.8781, lon: -87.6298 },
  { name: 'San Francisco', country: 'US', lat: 37.7749, lon: -122.4194 },
  { name: 'Toronto', country: 'CA', lat: 43.6532, lon: -79.3832 },
  { name: 'São Paulo', country: 'BR', lat: -23.5505, lon: -46.6333 },
  { name: 'Tokyo', country: 'JP', lat: 35.6762, lon: 139.6503 },
  { name: 'Singapore', country: 'SG', lat: 1.3521, lon: 103.8198 },
  { name: 'Sydney', country: 'AU', lat: -33.8688, lon: 151.2093 },
  { name: 'Mumbai', country: 'IN', lat: 19.076, lon: 72.8777 },
  { name: 'Lagos', country: 'NG', lat: 6.5244, lon: 3.3792 },
  { name: 'Dubai', country: 'AE', lat: 25.2048, lon: 55.2708 },
];

const DOMAINS = ['shop.example.com', 'blog.example.com', 'checkout.example.com', 'account.example.io'];
const PATHS = ['/', '/products', '/products/42', '/cart', '/search?q=shoes', '/blog/spring-sale', '/pricing', '/help'];
const CAMPAIGNS = [
  { source: 'google', medium: 'cpc', name: 'spring_sale', term: 'running shoes' },
  { source: 'newsletter', medium: 'email', name: 'weekly_digest' },
  { source: 'facebook', medium: 'social', name: 'spring_sale', content: 'carousel' },
  { source: 'partner', medium: 'referral', name: 'affiliate_q2' },
];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
];
const BOT_AGENT = 'python-requests/2.31.0';

type Persona = 'regular' | 'family' | 'traveller' | 'sharer';

/** mulberry32: small, fast and good enough for demo and bench data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable pseudo-random number in [0, 1) for an integer key (per-user traits stay fixed across batches). */
function trait(key: number, salt: number): number {
  return prng(key * 7919 + salt * 104729)();
}

export class DemoTraffic {
  private readonly random: () => number;
  private readonly runId: string;
  private sequence = 0;

  constructor(private readonly options: TrafficOptions) {
    this.random = prng(options.seed ?? 42);
    this.runId = options.runId ?? 'demo';
  }

  /** About `count` events with timestamps in [from, to) (epoch ms), as the SDK would send them. */
  batch(count: number, from: number, to: number): EventInput[] {
    const events: EventInput[] = [];
    while (events.length < count) {
      const start = from + this.random() * Math.max(1, to - from);
      const session = this.random() < 0.002 ? this.botBurst(start) : this.session(start);
      for (const event of session) {
        if (events.length === count) break;
        if (Date.parse(event.timestamp!) < to) events.push(event);
      }
    }
    return events;
  }

  private session(start: number): EventInput[] {
    const anonymous = this.random() < 0.3;
    const user = Math.floor(this.random() * this.options.users);
    const persona = personaOf(user);
    const userId = anonymous ? undefined : userIdOf(user);
    const device = this.deviceFor(user, persona);
    const home = cityOf(user, 1);
    const away = persona === 'traveller' || persona === 'sharer' ? cityOf(user, 2) : home;
    const events: EventInput[] = [];
    const length = 2 + Math.floor(this.random() * 10);
    const campaign = this.random() < 0.25 ? CAMPAIGNS[Math.floor(this.random() * CAMPAIGNS.length)] : undefined;
    const sessionId = this.random() < 0.6 ? `s_${this.runId}_${this.sequence}` : undefined;
    let at = start;
    for (let index = 0; index < length; index += 1) {
      // Travellers jump to their other city mid-session (a VPN hop, or a stolen session).
      const city = persona === 'traveller' && index >= length / 2 ? away : home;
      events.push(
        this.event({
          userId,
          fingerprint: device,
          domainprint: `dp_${user}_${device.slice(-2)}`,
          eventType: this.eventType(index, anonymous),
          city,
          at,
          user,
          campaign: index === 0 ? campaign : undefined,
          sessionId,
        }),
      );
      at += 5_000 + this.random() * 85_000;
    }
    // Account sharers: a second device in another city, at the same time, on the same account.
    if (persona === 'sharer' && userId) {
      const other = fingerprintOf(user, 3 + Math.floor(this.random() * 2));
      for (let index = 0; index < 3; index += 1) {
        events.push(
          this.event({
            userId,
            fingerprint: other,
            domainprint: `dp_${user}_${other.slice(-2)}`,
            eventType: 'page_view',
            city: away,
            at: start + index * 60_000,
            user,
          }),
        );
      }
    }
    return events;
  }

  /** A credential-stuffing bot: one device firing 61 to 150 logins within a minute, some naming real accounts. */
  private botBurst(start: number): EventInput[] {
    const bot = Math.floor(this.random() * 20);
    const size = 61 + Math.floor(this.random() * 90);
    const city = CITIES[bot % CITIES.length];
    return Array.from({ length: size }, (_, index) => ({
      eventId: this.nextEventId(),
      fingerprint: `fp_bot_${bot}`,
      userId: this.random() < 0.3 ? userIdOf(Math.floor(this.random() * this.options.users)) : undefined,
      domain: 'account.example.io',
      url: 'https://account.example.io/login',
      eventType: 'login',
      ip: `198.51.100.${bot + 1}`,
      userAgent: BOT_AGENT,
      geo: { lat: city.lat, lon: city.lon, country: city.country, city: city.name },
      timestamp: new Date(start + index * (40_000 / size)).toISOString(),
    }));
  }

  private event(spec: {
    userId?: string;
    fingerprint: string;
    domainprint: string;
    eventType: EventType;
    city: City;
    at: number;
    user: number;
    campaign?: (typeof CAMPAIGNS)[number];
    sessionId?: string;
  }): EventInput {
    const domain = spec.eventType === 'purchase' ? 'checkout.example.com' : DOMAINS[Math.floor(this.random() * DOMAINS.length)];
    return {
      eventId: this.nextEventId(),
      fingerprint: spec.fingerprint,
      domainprint: spec.domainprint,
      ...(spec.userId ? { userId: spec.userId } : {}),
      domain,
      url: `https://${domain}${PATHS[Math.floor(this.random() * PATHS.length)]}`,
      eventType: spec.eventType,
      ip: `203.0.113.${(spec.user % 250) + 1}`,
      userAgent: USER_AGENTS[spec.user % USER_AGENTS.length],
      geo: {
        lat: round(spec.city.lat + (this.random() - 0.5) * 0.1),
        lon: round(spec.city.lon + (this.random() - 0.5) * 0.1),
        country: spec.city.country,
        city: spec.city.name,
      },
      ...(spec.campaign ? { campaign: spec.campaign } : {}),
      ...(spec.sessionId ? { sessionId: spec.sessionId } : {}),
      timestamp: new Date(Math.floor(spec.at)).toISOString(),
    };
  }

  private eventType(index: number, anonymous: boolean): EventType {
    if (index === 0 && !anonymous) return this.random() < 0.03 ? 'signup' : 'login';
    const roll = this.random();
    if (roll < 0.04 && !anonymous) return 'purchase';
    if (roll < 0.08) return 'custom';
    return 'page_view';
  }

  /** Families share one computer: every other family member uses the first one's device half the time. */
  private deviceFor(user: number, persona: Persona): string {
    if (persona === 'family' && user % 2 === 1 && this.random() < 0.5) return fingerprintOf(user - 1, 1);
    if (persona === 'sharer') return fingerprintOf(user, 1 + Math.floor(this.random() * 3));
    return fingerprintOf(user, trait(user, 3) < 0.4 ? 1 + Math.floor(this.random() * 2) : 1);
  }

  private nextEventId(): string {
    this.sequence += 1;
    return `evt_${this.runId}_${this.sequence.toString(36)}`;
  }
}

function personaOf(user: number): Persona {
  const roll = trait(user, 1);
  if (roll < 0.04) return 'family';
  if (roll < 0.06) return 'traveller';
  if (roll < 0.08) return 'sharer';
  return 'regular';
}

function userIdOf(user: number): string {
  return `user_${user.toString().padStart(6, '0')}`;
}

function fingerprintOf(user: number, device: number): string {
  return `fp_${Math.floor(trait(user, 7) * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}${user.toString(36)}_${device.toString().padStart(2, '0')}`;
}

function cityOf(user: number, which: number): City {
  const home = Math.floor(trait(user, 11) * CITIES.length);
  return which === 1 ? CITIES[home] : CITIES[(home + 5 + Math.floor(trait(user, 13) * 10)) % CITIES.length];
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
