// Words for the bench's fictional organizations and activities, in Bokmål and English, worded
// as LANGUAGE.md asks (the setting is substance-free, never the person; no diagnosis in titles).

import { Constants } from '../../src/lib/database.types.ts';

export const PLACES = [
	{ city: 'Oslo', region: 'Oslo' },
	{ city: 'Bergen', region: 'Vestland' },
	{ city: 'Trondheim', region: 'Trøndelag' },
	{ city: 'Stavanger', region: 'Rogaland' },
	{ city: 'Kristiansand', region: 'Agder' },
	{ city: 'Tromsø', region: 'Troms' },
	{ city: 'Drammen', region: 'Buskerud' },
	{ city: 'Bodø', region: 'Nordland' },
	{ city: 'Gjøvik', region: 'Innlandet' },
	{ city: 'Ålesund', region: 'Møre og Romsdal' }
] as const;

export const ORG_NAMES_NB = [
	'Fellesskapet',
	'Likepersonsnettverket',
	'Turlaget Sammen',
	'Møteplassen',
	'Pårørendeforeningen',
	'Aktiv fritid',
	'Samtalegruppa',
	'Kafé Ny start'
];
export const ORG_NAMES_EN = ['Open Kitchen', 'Community Circle', 'Friends Outdoors'];

export const ORG_DESCRIPTION_NB =
	'Vi arrangerer rusfrie aktiviteter, turer og samtalegrupper. Alle er velkomne, også pårørende.';
export const ORG_DESCRIPTION_EN =
	'Substance-free activities, outings and shared meals in English. Everyone is welcome.';

export const APPROACHES = [
	'peer_led',
	'activity_based',
	'dialogue_based',
	'twelve_step',
	'non_twelve_step',
	'for_relatives',
	'professional_led'
];

/** The database's activity attributes; english_spoken is added by language, not drawn. */
export const ATTRIBUTES: string[] = Constants.public.Enums.activity_attribute.filter(
	(a) => a !== 'english_spoken'
);
interface Template {
	title: string;
	summary: string;
	description: string;
	category: string;
	lang: 'nb' | 'en';
	online?: boolean;
}

export const ACTIVITIES: Template[] = [
	{
		title: 'Innebandy',
		summary: 'Innebandy i gymsalen. Køller og baller har vi, du tar med innesko.',
		description:
			'Vi deler lag på nytt hver gang, og ingen holder tellingen så nøye.\n\n- Køller og vester har vi\n- Garderober med dusj',
		category: 'sport',
		lang: 'nb'
	},
	{
		title: 'Fotball på kunstgress',
		summary: 'Sju mot sju for alle nivåer. Det er lov å ta pauser.',
		description: 'Vi varmer opp sammen og deler inn lag etter hvem som kommer. Joggesko går fint.',
		category: 'sport',
		lang: 'nb'
	},
	{
		title: 'Søndagstur i skogen',
		summary: 'Rolig tur på flat sti, med pause og matpakke underveis.',
		description: 'Vi holder tempo etter den som går saktest. Ta med noe varmt å drikke.',
		category: 'outdoor',
		lang: 'nb'
	},
	{
		title: 'Fjelltur med overnatting',
		summary: 'Tur til hytta med felles middag og bål om kvelden.',
		description: 'Vi ordner transport og mat. Du trenger gode sko, sovepose og klær etter været.',
		category: 'outdoor',
		lang: 'nb'
	},
	{
		title: 'Kurs i mestring av hverdagen',
		summary: 'Åtte kvelder om søvn, økonomi, bolig og det å finne en ny rytme.',
		description: 'Kurset ledes av to likepersoner. Du trenger ikke å dele noe du ikke vil.',
		category: 'course',
		lang: 'nb'
	},
	{
		title: 'Samtalegruppe for pårørende',
		summary: 'En trygg gruppe for foreldre, partnere, søsken og barn.',
		description: 'Vi møtes i et lite rom med kaffe og te. Det som sies i gruppa, blir i gruppa.',
		category: 'dialogue_group',
		lang: 'nb'
	},
	{
		title: 'Samtalegruppe',
		summary: 'Samtaler ledet av likepersoner, med og uten tolvtrinnsbakgrunn.',
		description: 'Du kan lytte hele kvelden om du vil. Ingen trenger å fortelle noe.',
		category: 'dialogue_group',
		lang: 'nb'
	},
	{
		title: 'Malerverksted',
		summary: 'Vi maler sammen – akvarell, akryl eller det du har lyst til å prøve.',
		description: 'Materialer har vi. Ingen forkunnskaper trengs.',
		category: 'culture_creative',
		lang: 'nb'
	},
	{
		title: 'Fellesmiddag',
		summary: 'Vi lager middag sammen og spiser ved ett langbord.',
		description: 'Kom tidlig om du vil hjelpe til på kjøkkenet, eller kom bare for å spise.',
		category: 'social_meals',
		lang: 'nb'
	},
	{
		title: 'Frivillig på kafeen',
		summary: 'Hjelp oss med kaffe, vafler og å ta imot folk i døra.',
		description: 'Vi lærer deg opp første gang. Du får mat og et fellesskap.',
		category: 'volunteering',
		lang: 'nb'
	},
	{
		title: 'Jobbverksted',
		summary: 'Hjelp med CV, søknader og å forberede seg til intervju.',
		description: 'Ta med PC om du har, ellers låner vi deg en.',
		category: 'work_study',
		lang: 'nb'
	},
	{
		title: 'Digital samtalegruppe',
		summary: 'Samtalegruppe på nett for deg som bor langt unna eller vil sitte hjemme.',
		description: 'Lenken får du når du melder deg på. Kamera er valgfritt.',
		category: 'dialogue_group',
		lang: 'nb',
		online: true
	},
	{
		title: 'Community dinner',
		summary: 'We cook together, eat together and talk in English.',
		description: 'The menu changes every week, and there is always a vegetarian dish.',
		category: 'social_meals',
		lang: 'en'
	},
	{
		title: 'Walking group',
		summary: 'An easy walk in the park, at the pace of the slowest walker.',
		description: 'Bring a packed lunch and something warm to drink.',
		category: 'outdoor',
		lang: 'en'
	},
	{
		title: 'Board game night',
		summary: 'Games, tea and good company. We teach the rules as we go.',
		description: 'Bring a game if you like, or play one of ours.',
		category: 'culture_creative',
		lang: 'en'
	}
];

export const VENUES = ['Aktivitetshuset', 'Frivilligsentralen', 'Bydelshuset', 'Kafé Sammen'];
export const STREETS = ['Storgata', 'Kirkegata', 'Parkveien', 'Strandgata', 'Torggata'];
export const NAMES_NB = ['Kari', 'Ola', 'Ingrid', 'Jonas', 'Sara', 'Emil', 'Nora', 'Ali', 'Mari'];
export const NAMES_EN = ['Sam', 'Alex', 'Jamie', 'Robin', 'Maria'];

/** `Fjelltur på Ålesund` → `fjelltur-pa-alesund`, as the app makes a short name from a title. */
export { slugify } from '../../src/lib/schemas/slugify.ts';
