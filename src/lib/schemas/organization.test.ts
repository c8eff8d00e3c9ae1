import { describe, expect, it } from 'vitest';
import { organizationSettingsSchema, settingsInput } from './organization';

const valid = {
	name: '  Ballklubben Sammen ',
	description: 'Innebandy hver tirsdag.',
	approaches: ['peer_led', 'activity_based'],
	city: 'Oslo',
	region: '',
	website: 'https://ballklubben.example',
	contactEmail: 'post@ballklubben.example',
	contactPhone: '+47 22 33 44 55',
	retentionDays: '30',
	discreet: 'on'
};

const errorsOf = (input: Record<string, unknown>) => {
	const result = organizationSettingsSchema.safeParse(input);
	return result.success
		? {}
		: Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
};

describe('organizationSettingsSchema', () => {
	it('takes a complete form: trimmed, empty fields as null, numbers and booleans', () => {
		expect(organizationSettingsSchema.parse(valid)).toEqual({
			name: 'Ballklubben Sammen',
			description: 'Innebandy hver tirsdag.',
			approaches: ['peer_led', 'activity_based'],
			city: 'Oslo',
			region: null,
			website: 'https://ballklubben.example',
			contactEmail: 'post@ballklubben.example',
			contactPhone: '+47 22 33 44 55',
			retentionDays: 30,
			discreet: true
		});
	});

	it('reads an unticked discreet box as false and no approaches as an empty list', () => {
		const { discreet, approaches, ...rest } = valid;
		void discreet;
		void approaches;
		const parsed = organizationSettingsSchema.parse(rest);
		expect(parsed.discreet).toBe(false);
		expect(parsed.approaches).toEqual([]);
	});

	it.each([
		['name', 'x', 'org.errors.name'],
		['name', 'x'.repeat(121), 'org.errors.name'],
		['description', 'x'.repeat(5001), 'org.errors.description'],
		['approaches', ['peer_led', 'harm_reduction'], 'org.errors.approaches'],
		['city', 'x'.repeat(81), 'org.errors.city'],
		['region', 'x'.repeat(81), 'org.errors.region'],
		['website', 'ballklubben.example', 'org.errors.website'],
		['website', 'javascript:alert(1)', 'org.errors.website'],
		['contactEmail', 'post@', 'org.errors.email'],
		['contactPhone', '22-33-44', 'org.errors.phone'],
		['retentionDays', '0', 'org.errors.retention'],
		['retentionDays', '91', 'org.errors.retention'],
		['retentionDays', '1.5', 'org.errors.retention'],
		['retentionDays', '', 'org.errors.retention'],
		['discreet', 'yes', undefined]
	])('refuses %s = %j', (field, value, key) => {
		const errors = errorsOf({ ...valid, [field]: value });
		expect(Object.keys(errors)).toEqual([field]);
		if (key) expect(errors[field]).toBe(key);
	});

	it('accepts the limits themselves', () => {
		expect(errorsOf({ ...valid, retentionDays: '1' })).toEqual({});
		expect(errorsOf({ ...valid, retentionDays: '90' })).toEqual({});
		expect(errorsOf({ ...valid, name: 'x'.repeat(120) })).toEqual({});
	});
});

describe('settingsInput', () => {
	it('keeps every ticked approach, not only the last', () => {
		const form = new FormData();
		form.append('name', 'Sammen');
		form.append('approaches', 'peer_led');
		form.append('approaches', 'twelve_step');
		expect(settingsInput(form)).toEqual({
			name: 'Sammen',
			approaches: ['peer_led', 'twelve_step']
		});
	});
});
