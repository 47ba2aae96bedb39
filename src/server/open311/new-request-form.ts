// POST requests: the form fields, checked against the service, as an
// Open311NewRequest. Every problem is reported at once.
import { parseIsoDateTime } from '../../main/import/iso-time';
import { Open311Error, quote } from './open311-error';
import type {
  Open311NewRequest,
  Open311Service,
  ServiceAttribute,
} from './open311-ports';

/** The longest text kept per field; longer is refused, never cut. */
const MAX_CHARS = {
  api_key: 200,
  jurisdiction_id: 200,
  service_code: 200,
  lat: 40,
  long: 40,
  address_string: 400,
  address_id: 200,
  email: 254,
  device_id: 200,
  account_id: 200,
  first_name: 100,
  last_name: 100,
  phone: 40,
  description: 4000,
  media_url: 2048,
} as const;

type Field = keyof typeof MAX_CHARS;

const FIELDS = Object.keys(MAX_CHARS) as Field[];
const isField = (name: string): name is Field => name in MAX_CHARS;

const MAX_ATTRIBUTE_CHARS = 1000;
const MAX_ATTRIBUTES = 100;
const ATTRIBUTE = /^attribute\[([^\][]{1,100})\](\[\])?$/;
// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/;

export type NewRequestForm = {
  fields: Partial<Record<Field, string>>;
  attributes: Map<string, string[]>;
};

function checkText(name: string, value: string, max: number): string | null {
  if (value.length > max) {
    return `${name} is ${value.length} characters; the most allowed is ${max}`;
  }
  if (CONTROL.test(value)) {
    return `${name} contains control characters; send plain text`;
  }

  return null;
}

/** Splits the form into the spec's fields and attribute[...] values. */
export function readNewRequestForm(params: URLSearchParams): NewRequestForm {
  const problems: string[] = [];
  const form: NewRequestForm = { fields: {}, attributes: new Map() };

  for (const [name, raw] of params) {
    const value = raw.trim();
    const attribute = ATTRIBUTE.exec(name);

    if (attribute !== null) {
      const code = attribute[1]!;
      const problem = checkText(name, value, MAX_ATTRIBUTE_CHARS);
      if (problem !== null) problems.push(problem);

      const values = form.attributes.get(code) ?? [];
      if (values.length > 0 && attribute[2] === undefined) {
        problems.push(`attribute[${code}] is given twice; give it once`);
      }
      if (value !== '') values.push(value);
      form.attributes.set(code, values);
    } else if (!isField(name)) {
      problems.push(
        `${quote(name)} is not a field of POST requests; use ` +
          `${FIELDS.join(', ')} and attribute[code]`,
      );
    } else if (form.fields[name] !== undefined) {
      problems.push(`${name} is given twice; give it once`);
    } else {
      const problem = checkText(name, value, MAX_CHARS[name]);
      if (problem !== null) problems.push(problem);
      form.fields[name] = value;
    }
  }

  if (form.attributes.size > MAX_ATTRIBUTES) {
    problems.push(`the form has more than ${MAX_ATTRIBUTES} attributes`);
  }
  if (problems.length > 0) throw new Open311Error(400, problems);

  return form;
}

function coordinate(
  name: 'lat' | 'long',
  text: string | undefined,
  limit: number,
  problems: string[],
): number | null {
  if (text === undefined || text === '') return null;

  const value = Number(text);
  if (!DECIMAL.test(text) || Math.abs(value) > limit) {
    problems.push(
      `${name} ${quote(text)} is not a decimal degree within -${limit}..${limit}`,
    );
    return null;
  }

  return value;
}

function checkMediaUrl(text: string, problems: string[]) {
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // Reported below like any other URL that is not http(s).
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    problems.push(`media_url ${quote(text)} is not an http or https URL`);
  }
}

function checkContact(fields: NewRequestForm['fields'], problems: string[]) {
  const { email, phone } = fields;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    problems.push(`email ${quote(email)} is not an e-mail address`);
  }
  if (phone && !/^[0-9+().\s-]{3,40}$/.test(phone)) {
    problems.push(`phone ${quote(phone)} is not a phone number`);
  }
}

function checkAttributeValues(
  attribute: ServiceAttribute,
  values: string[],
  problems: string[],
) {
  const name = `attribute[${attribute.code}]`;
  const keys = attribute.values.map((choice) => choice.key);

  switch (attribute.datatype) {
    case 'number':
      if (values.some((value) => !Number.isFinite(Number(value)))) {
        problems.push(`${name} must be a number`);
      }
      break;
    case 'datetime':
      if (values.some((value) => parseIsoDateTime(value) === null)) {
        problems.push(`${name} must be an ISO 8601 date-time with a zone`);
      }
      break;
    case 'singlevaluelist':
    case 'multivaluelist':
      for (const value of values) {
        if (!keys.includes(value)) {
          problems.push(
            `${name} ${quote(value)} is not one of ${keys.join(', ')}`,
          );
        }
      }
      break;
    default:
      break;
  }

  if (attribute.datatype !== 'multivaluelist' && values.length > 1) {
    problems.push(`${name} takes one value, not ${values.length}`);
  }
}

function attributesFor(
  service: Open311Service,
  given: Map<string, string[]>,
  problems: string[],
): Record<string, string | string[]> {
  const attributes: Record<string, string | string[]> = {};
  const variable = service.attributes.filter((a) => a.variable);

  for (const code of given.keys()) {
    if (!variable.some((attribute) => attribute.code === code)) {
      problems.push(
        `attribute[${code}] is not an attribute of ${service.serviceCode}; ` +
          `GET services/${service.serviceCode}.json lists them`,
      );
    }
  }

  for (const attribute of variable) {
    const values = given.get(attribute.code) ?? [];
    if (values.length === 0) {
      if (attribute.required) {
        problems.push(
          `attribute[${attribute.code}] is required: ${attribute.description}`,
        );
      }
      continue;
    }

    checkAttributeValues(attribute, values, problems);
    attributes[attribute.code] =
      attribute.datatype === 'multivaluelist' ? values : values[0]!;
  }

  return attributes;
}

/**
 * The new request a checked form describes, or an Open311Error (400)
 * naming every problem. The api_key and service_code were checked first.
 */
export function newRequestFromForm(
  form: NewRequestForm,
  service: Open311Service,
  receivedAt: number,
): Open311NewRequest {
  const problems: string[] = [];
  const { fields } = form;
  const text = (name: Field) =>
    fields[name] === undefined || fields[name] === '' ? null : fields[name];

  const lat = coordinate('lat', fields.lat, 90, problems);
  const long = coordinate('long', fields.long, 180, problems);
  if ((text('lat') === null) !== (text('long') === null)) {
    problems.push('lat and long go together; give both or neither');
  }
  if (
    (lat === null || long === null) &&
    text('address_string') === null &&
    text('address_id') === null
  ) {
    problems.push(
      'a location is required: lat and long, address_string or address_id',
    );
  }

  const mediaUrl = text('media_url');
  if (mediaUrl !== null) checkMediaUrl(mediaUrl, problems);
  checkContact(fields, problems);

  const attributes = attributesFor(service, form.attributes, problems);
  if (problems.length > 0) throw new Open311Error(400, problems);

  return {
    serviceCode: service.serviceCode,
    lat: lat !== null && long !== null ? lat : null,
    long: lat !== null && long !== null ? long : null,
    addressString: text('address_string'),
    addressId: text('address_id'),
    description: text('description'),
    mediaUrl,
    email: text('email'),
    deviceId: text('device_id'),
    accountId: text('account_id'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    attributes,
    receivedAt,
  };
}
