import { translate } from '../core/i18n';

/**
 * Time zones under their current IANA names. Browsers list the zones ICU calls canonical,
 * and ICU keeps some names the IANA database renamed long ago (Chromium lists Asia/Calcutta
 * and Europe/Kiev, not Asia/Kolkata and Europe/Kyiv; resolvedOptions() gives the old name
 * back too), so the known renames are mapped here. Zones merged into another in later tzdata
 * releases map to the zone they joined. The server accepts both names.
 */
export const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'Africa/Timbuktu': 'Africa/Bamako',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Montreal': 'America/Toronto',
  'America/Nipigon': 'America/Toronto',
  'America/Thunder_Bay': 'America/Toronto',
  'America/Rainy_River': 'America/Winnipeg',
  'America/Yellowknife': 'America/Edmonton',
  'America/Santa_Isabel': 'America/Tijuana',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Chongqing': 'Asia/Shanghai',
  'Asia/Chungking': 'Asia/Shanghai',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Harbin': 'Asia/Shanghai',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Macao': 'Asia/Macau',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Australia/Currie': 'Australia/Hobart',
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Johnston': 'Pacific/Honolulu',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a time zone (Asia/Calcutta → Asia/Kolkata); other names as they are. */
export function currentZoneName(zone: string): string {
  return CURRENT_ZONE_NAMES[zone] ?? zone;
}

export interface TimeZoneOption {
  readonly value: string;
  readonly label: string;
}

/**
 * The time zones to pick from, under current names, sorted, each once. `current` (the
 * household's) is always selectable under the name it has: an old name is shown with the
 * new one beside it ("Asia/Calcutta (now Asia/Kolkata)", in the app's language), so nothing
 * changes unasked.
 */
export function timeZoneOptions(current?: string | null, supported: readonly string[] = supportedZones()): TimeZoneOption[] {
  // Browsers list no UTC among the zones, yet it is the server's default and some families' choice.
  const zones = new Set([...supported.map(currentZoneName), 'UTC']);
  const options = [...zones].sort().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
  if (current && !zones.has(current)) {
    const renamed = currentZoneName(current);
    const label = renamed !== current ? translate('settings.household.renamedZone', { zone: current.replace(/_/g, ' '), current: renamed.replace(/_/g, ' ') }) : current.replace(/_/g, ' ');
    options.unshift({ value: current, label });
  }
  return options;
}

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}
