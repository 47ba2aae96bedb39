// The GeoReport v2 shapes of our records, as flat records in the spec's
// field order, so JSON and XML answers carry exactly the same fields.
import type { SyncRequest } from '../../shared/sync-protocol';
import { toIsoNewYork } from './iso-time-out';
import type { Open311Service, ServiceAttribute } from './open311-ports';
import type { XmlElement } from './xml-writer';

export type FlatValue = string | number | boolean | null;
export type FlatRecord = Record<string, FlatValue>;

const isoOrNull = (ms: number | null) =>
  ms === null ? null : toIsoNewYork(ms);

export function requestFields(request: SyncRequest): FlatRecord {
  return {
    service_request_id: request.serviceRequestId,
    status: request.status,
    status_notes: request.statusNotes,
    service_name: request.serviceName,
    service_code: request.serviceCode,
    description: request.description,
    agency_responsible: request.agencyResponsible,
    service_notice: null,
    requested_datetime: toIsoNewYork(request.requestedAt),
    updated_datetime: isoOrNull(request.updatedAt),
    // The SLA due time is when the city expects to have done the work.
    expected_datetime: isoOrNull(request.slaDueAt),
    address: request.address,
    address_id: null,
    zipcode: request.zipcode,
    lat: request.lat,
    long: request.long,
    media_url: request.mediaUrl,
    // An extension: the request a duplicate was merged into, so a resident
    // app can follow the work there.
    merged_into: request.mergedInto,
  };
}

export function serviceFields(service: Open311Service): FlatRecord {
  return {
    service_code: service.serviceCode,
    service_name: service.serviceName,
    description: service.description,
    metadata: service.attributes.length > 0,
    type: service.type,
    keywords: service.keywords.join(','),
    group: service.group,
  };
}

export type AttributeJson = {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
};

export function attributeJson(attribute: ServiceAttribute): AttributeJson {
  return {
    variable: attribute.variable,
    code: attribute.code,
    datatype: attribute.datatype,
    required: attribute.required,
    datatype_description: attribute.datatypeDescription,
    order: attribute.order,
    description: attribute.description,
    values: attribute.values,
  };
}

/** The same attribute as XML children; `values` nests `<value>` elements. */
export function attributeXml(attribute: ServiceAttribute): XmlElement[] {
  const { values, ...flat } = attributeJson(attribute);

  return [
    ...Object.entries(flat).map(([name, value]) => ({ name, value })),
    {
      name: 'values',
      value: values.map((choice) => ({
        name: 'value',
        value: [
          { name: 'key', value: choice.key },
          { name: 'name', value: choice.name },
        ],
      })),
    },
  ];
}
