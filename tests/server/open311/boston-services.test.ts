import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  readBostonServices,
  servicesFromRequests,
} from '../../../src/server/open311/boston-services';

const row = (
  serviceName: string,
  subject: string | null,
  reason: string | null,
) => ({
  serviceCode: serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  serviceName,
  department: 'PWDx',
  subject,
  reason,
});

describe('services from request types', () => {
  it('makes one realtime service per code, grouped by the usual department', () => {
    const services = servicesFromRequests([
      row('Street Light Outages', 'Public Works Department', 'Street Lights'),
      row('Graffiti Removal', 'Property Management', 'Graffiti'),
      row('Street Light Outages', 'Public Works Department', 'Lighting'),
      row('Street Light Outages', "Mayor's 24 Hour Hotline", 'Street Lights'),
    ]);

    expect(services).toEqual([
      {
        serviceCode: 'graffiti-removal',
        serviceName: 'Graffiti Removal',
        description: 'Graffiti, Property Management',
        type: 'realtime',
        keywords: ['Graffiti'],
        group: 'Property Management',
        attributes: [],
      },
      {
        serviceCode: 'street-light-outages',
        serviceName: 'Street Light Outages',
        description: 'Street Lights, Public Works Department',
        type: 'realtime',
        keywords: ['Lighting', 'Street Lights'],
        group: 'Public Works Department',
        attributes: [],
      },
    ]);
  });

  it('falls back to the department code when a row has no subject', () => {
    const [service] = servicesFromRequests([row('Needle Pickup', null, null)]);

    expect(service?.group).toBe('PWDx');
    expect(service?.keywords).toEqual([]);
    expect(service?.description).toBe('PWDx');
  });

  it('reads the services of a Boston CSV export', async () => {
    const services = await readBostonServices(
      resolve(import.meta.dirname, '../../fixtures/boston311-good.csv'),
    );
    const codes = services.map((service) => service.serviceCode);

    expect(codes).toContain('street-light-outages');
    expect(codes).toContain('pothole-repair-internal');
    expect(new Set(codes).size).toBe(codes.length);
    expect(services.every((s) => s.group === 'Public Works Department')).toBe(
      true,
    );
  });
});
