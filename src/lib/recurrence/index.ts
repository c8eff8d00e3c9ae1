/** Recurring activities: rule model, RRULE text, expansion to sessions and preview text. */
export { RecurrenceError, isRecurrenceError, type RecurrenceErrorCode } from './errors';
export {
	MAX_COUNT,
	MAX_INTERVAL,
	NTHS,
	WEEKDAYS,
	validateRule,
	type MonthlyRule,
	type Nth,
	type RecurrenceRule,
	type RuleEnd,
	type WeeklyRule,
	type Weekday
} from './rule';
export { parseRRule, toRRule } from './rrule';
export { DEFAULT_LIMIT, expand, type ExpandInput, type Occurrence } from './expand';
export { describeRule, type DescribeLocale, type DescribeOptions } from './describe';
export { instantToZoned, zonedToInstant, type ZonedDateTime } from './zoned';
