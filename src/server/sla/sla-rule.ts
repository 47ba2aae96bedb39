// What an SLA policy says, as data: for each service type, how long the
// city gives itself to answer a request, and the business calendar that
// business hours and business days are counted on.
import { z } from 'zod';

const hours = z
  .number()
  .positive('give a length above 0')
  .max(24 * 365 * 5, 'give at most five years');

export const slaRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('calendar-hours'), hours }).strict(),
  z
    .object({
      kind: z.literal('calendar-days'),
      days: z.number().int('give whole days').min(1).max(2_000),
    })
    .strict(),
  z.object({ kind: z.literal('business-hours'), hours }).strict(),
  z
    .object({
      kind: z.literal('business-days'),
      days: z.number().int('give whole days').min(1).max(1_000),
    })
    .strict(),
]);

/**
 * none: no due time. calendar-hours: elapsed time, nights and weekends
 * included. calendar-days: the same clock time that many days later, so
 * an hour more or less across a DST change. business-hours: only time inside the calendar's business day
 * counts. business-days: that many whole business days, so a request
 * opened after hours is due at the start of a business day.
 */
export type SlaRule = z.infer<typeof slaRuleSchema>;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write a time of day as HH:MM, 24-hour');

export const holidayRuleSchema = z.union([
  z
    .object({
      name: z.string().min(1).max(100),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
    })
    .strict(),
  z
    .object({
      name: z.string().min(1).max(100),
      month: z.number().int().min(1).max(12),
      /** 0 = Sunday. */
      weekday: z.number().int().min(0).max(6),
      /** 1-4: the nth such weekday of the month; -1: the last. */
      nth: z.union([z.number().int().min(1).max(4), z.literal(-1)]),
    })
    .strict(),
]);

export type HolidayRule = z.infer<typeof holidayRuleSchema>;

export const businessCalendarSchema = z
  .object({
    // The wall-clock helpers are Boston's; another city needs its own.
    timeZone: z.literal('America/New_York'),
    dayStart: clockTime,
    dayEnd: clockTime,
    /** 0 = Sunday. */
    weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    holidays: z.array(holidayRuleSchema).max(50),
  })
  .strict()
  .refine((calendar) => calendar.dayStart < calendar.dayEnd, {
    message: 'dayStart must come before dayEnd',
    path: ['dayEnd'],
  });

export type BusinessCalendarConfig = z.infer<typeof businessCalendarSchema>;

/** How well a derived rule explains the cases it was derived from. */
export const slaFitSchema = z
  .object({
    cases: z.number().int().min(0),
    withDueTime: z.number().int().min(0),
    /** Share of all cases whose recorded due time (or its absence) the
     * rule gives back within an hour; null when the entry was set by hand. */
    reproduced: z.number().min(0).max(1).nullable(),
  })
  .strict();

export type SlaFit = z.infer<typeof slaFitSchema>;

export const slaPolicyEntrySchema = z
  .object({
    serviceName: z.string().min(1).max(200),
    rule: slaRuleSchema,
    fit: slaFitSchema.nullable(),
  })
  .strict();

export type SlaPolicyEntry = z.infer<typeof slaPolicyEntrySchema>;

export const slaPolicySchema = z
  .object({
    about: z.string().max(2_000),
    calendar: businessCalendarSchema,
    /** For service types the policy does not list. */
    fallback: slaRuleSchema,
    /** By service code. */
    services: z.record(
      z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
      slaPolicyEntrySchema,
    ),
  })
  .strict();

export type SlaPolicy = z.infer<typeof slaPolicySchema>;
