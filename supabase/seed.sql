-- Demo data for `npm start` and the end-to-end tests. Fictional organizations and activities, in
-- Norwegian and English. Never run against production.
--
-- The seed runs on a user's first start, whatever the date, so every date is relative to the day
-- it runs (in Europe/Oslo): repeating activities start within the coming week, one-off days
-- (julaften, nyttårsaften, 17. mai) take their next occurrence, ski trips take the coming
-- January–March. Something more than about six months ahead is kept as a draft, as an organizer
-- would, so every published activity has dates. Ids are fixed so tests can name them.
--
-- Sessions come from the app: its start-up job (extendHorizons) expands each rule in the
-- activity's time zone and gives single-date activities their one session. The seed inserts only
-- the two sessions an organizer has changed by hand (one cancelled, one moved): `edited = true`
-- makes sync_sessions leave them as they are.

create function pg_temp.today() returns date
language sql stable
as $$ select (now() at time zone 'Europe/Oslo')::date $$;

/** The first date on or after `d` that falls on `isodow` (1 = Monday … 7 = Sunday). */
create function pg_temp.next_weekday(d date, isodow int) returns date
language sql immutable
as $$ select d + ((isodow - extract(isodow from d)::int + 7) % 7) $$;

/** The next `month`-`day` after today: this year's, or next year's once it has passed. */
create function pg_temp.next_yearly(month int, day int) returns date
language sql stable
as $$
  select case when make_date(y, month, day) > pg_temp.today() then make_date(y, month, day)
              else make_date(y + 1, month, day) end
  from (select extract(year from pg_temp.today())::int as y) t
$$;

/** The first Saturday of the ski season: the coming one in January–March, else next January's. */
create function pg_temp.ski_start() returns date
language sql stable
as $$
  select case when extract(month from s) <= 3 then s
              else pg_temp.next_weekday(make_date(extract(year from s)::int + 1, 1, 2), 6) end
  from (select pg_temp.next_weekday(pg_temp.today() + 1, 6) as s) t
$$;

insert into public.organizations
  (id, slug, name, description, kind, approaches, contact_email, contact_phone, website, region, city, status, approved_at)
values
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'ball-og-fellesskap', 'Ball og fellesskap',
   'Fotball, innebandy og turer – en rusfri fritid sammen med andre. Alle er velkomne, uansett form.',
   'user_organization', '{peer_led,activity_based,non_twelve_step}', 'post@ballogfellesskap.example', null,
   'https://ballogfellesskap.example', 'Oslo', 'Oslo', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'fri-vei-friluft', 'Fri vei friluft',
   'Turer i skog og fjell, bål og felles måltider. Ingen forkunnskaper trengs.',
   'ngo', '{activity_based,peer_led}', 'hei@frivei.example', null, null, 'Vestland', 'Bergen', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'samtalegruppa', 'Samtalegruppa',
   'Samtalegrupper ledet av likepersoner, med og uten tolvtrinnsbakgrunn.',
   'user_organization', '{dialogue_based,peer_led,twelve_step}', null, null, null, 'Trøndelag', 'Trondheim', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'parorendenettverket', 'Pårørendenettverket',
   'Kurs og møteplasser for pårørende: foreldre, partnere, søsken og barn.',
   'ngo', '{for_relatives,dialogue_based}', 'kontakt@parorende.example', null, null, 'Rogaland', 'Stavanger', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000005', 'open-kitchen-oslo', 'Open Kitchen Oslo',
   'Shared meals and cooking evenings in English for newcomers to Norway and anyone who wants company.',
   'ngo', '{activity_based,non_twelve_step}', 'hello@openkitchen.example', null, null, 'Oslo', 'Oslo', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000006', 'likepersoner-i-agder', 'Likepersoner i Agder',
   'Likepersoner på Sørlandet som arrangerer turer, treningskvelder og samtalegrupper for en rusfri fritid.',
   'user_organization', '{peer_led,activity_based}', 'post@likepersoneriagder.example', null, null, 'Agder', 'Kristiansand', 'pending', null),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'moteplassen-kristiansand', 'Møteplassen Kristiansand',
   'Kommunens åpne møteplass for en rusfri fritid sammen med andre. Drives av rus- og psykisk helsetjenesten sammen med frivillige. Alt er gratis, og du trenger ingen henvisning.',
   'public_service', '{professional_led,activity_based}', 'moteplassen@kristiansand.example', '+47 38 00 00 00', null, 'Agder', 'Kristiansand', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000008', 'furutun-behandlingssenter', 'Furutun behandlingssenter',
   'Behandlingssenter med døgnopphold og poliklinikk. Aktivitetene våre er åpne for alle – også etter at en behandling er over, og for pårørende.',
   'treatment_facility', '{professional_led,dialogue_based}', 'aktiviteter@furutun.example', null, 'https://furutun.example', 'Innlandet', 'Gjøvik', 'approved', now())
on conflict (id) do nothing;

insert into public.activities
  (id, organization_id, slug, title, summary, description, category, attributes, venue, address, city,
   online, first_date, start_time, duration_minutes, rrule, signup_mode, capacity, waitlist, helper_places,
   status, published_at)
select v.id::uuid, v.org::uuid, v.slug, v.title, v.summary, v.description,
       v.category::public.activity_category, v.attributes::public.activity_attribute[],
       v.venue, v.address, v.city, v.online::boolean, v.first_date::date, v.start_time::time,
       v.duration::int, v.rrule, v.signup_mode::public.signup_mode, v.capacity::int,
       v.waitlist::boolean, v.helpers::int,
       -- Further ahead than the dates the app keeps (about six months): still a draft.
       case when v.first_date::date <= pg_temp.today() + 180 then 'published' else 'draft' end::public.activity_status,
       case when v.first_date::date <= pg_temp.today() + 180 then now() end
from (values
  -- Ball og fellesskap, Oslo
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000101', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'innebandy-tirsdag',
   'Innebandy på tirsdager',
   'Innebandy i gymsalen hver tirsdag kl. 18.00–19.30. Køller og baller har vi, du tar med innesko.',
   E'Vi spiller innebandy i gymsalen på Lakkegata skole hver tirsdag. Lagene deles på nytt hver gang, og ingen holder tellingen så nøye.\n\n- Køller, baller og vester har vi\n- Ta med innesko og noe å drikke\n- Garderober med dusj\n\nBare møt opp – du trenger ikke å melde deg på. Første gang? Si fra til en av oss i døra, så tar vi deg med inn.',
   'sport', '{substance_free,free_of_charge,beginners_welcome,drop_in}',
   'Gymsalen på Lakkegata skole', 'Lakkegata 67, 0562 Oslo', 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 2), '18:00', 90, 'FREQ=WEEKLY;BYDAY=TU', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000102', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'fotball-mandag',
   'Fotball på Voldsløkka',
   'Sju mot sju på kunstgress hver mandag kl. 18.30. Alle nivåer, og det er lov å ta pauser.',
   E'Vi spiller fotball på kunstgresset på Voldsløkka hver mandag. Vi varmer opp sammen og deler inn lag etter hvem som kommer.\n\nMeld deg på til den datoen du vil være med på, så vet vi hvor mange vester vi trenger. Fotballsko eller joggesko går fint.',
   'sport', '{substance_free,free_of_charge,beginners_welcome}',
   'Voldsløkka kunstgressbane', 'Sandakerveien 57, 0477 Oslo', 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 1), '18:30', 90, 'FREQ=WEEKLY;BYDAY=MO', 'per_session', 22, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000103', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'kinokveld',
   'Kinokveld første fredag i måneden',
   'Vi ser en film sammen første fredag i måneden og tar en kaffe etterpå. Billetten er gratis.',
   E'Første fredag i måneden går vi på kino sammen. Filmen velger vi i fellesskap på forhånd – som regel noe alle kan like.\n\nVi møtes i foajeen kl. 18.30. Etterpå går de som vil videre på kafé for en prat. Billetten dekker vi, så meld deg på for å få plass.',
   'culture_creative', '{substance_free,free_of_charge,wheelchair_accessible}',
   'Vega Scene', 'Hausmanns gate 28, 0182 Oslo', 'Oslo', false,
   pg_temp.today() + 1, '18:30', 180, 'FREQ=MONTHLY;BYDAY=1FR', 'per_session', 20, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000104', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'sognsvann-rundt',
   'Søndagstur rundt Sognsvann',
   'Rolig tur rundt Sognsvann annenhver søndag kl. 11.00, fra Sognsvann T-bane. Rundt 3,3 km.',
   E'Annenhver søndag går vi en rolig runde rundt Sognsvann – rundt 3,3 kilometer på flat grusvei. Vi holder tempo etter den som går saktest.\n\nVi møtes ved utgangen på Sognsvann T-bane kl. 11.00. Ta med matpakke og noe varmt å drikke; vi tar en pause på yttersiden av vannet.',
   'outdoor', '{substance_free,free_of_charge,drop_in,families,beginners_welcome}',
   'Sognsvann T-bane (ved utgangen)', null, 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 7), '11:00', 150, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000105', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'skitur-nordmarka',
   'Skitur i Nordmarka',
   'Lørdagsturer på ski i Nordmarka fra januar til mars. Vi starter fra Frognerseteren kl. 10.30 og går til Ullevålseter.',
   E'Hver lørdag i skisesongen går vi på ski i Nordmarka. Turen fra Frognerseteren til Ullevålseter og tilbake er rundt 14 kilometer i preparerte løyper, med lang pause og vafler på Ullevålseter.\n\nDu trenger egne ski, eller lånte – spør oss hvis du vil låne ski fra BUA. Vi møtes ved Frognerseteren T-bane kl. 10.30.',
   'outdoor', '{substance_free,beginners_welcome}',
   'Frognerseteren T-bane', null, 'Oslo', false,
   pg_temp.ski_start(), '10:30', 300,
   'FREQ=WEEKLY;BYDAY=SA;UNTIL=' || to_char(make_date(extract(year from pg_temp.ski_start())::int, 3, 31), 'YYYYMMDD'),
   'per_session', 15, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000106', '0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'rusfri-julaften',
   'Rusfri julaften',
   'Julemiddag med ribbe eller vegetar, gang rundt juletreet og en liten gave til alle. Fra kl. 15.00.',
   E'Vi feirer julaften sammen i festsalen i Storgata. Det blir julemiddag med ribbe eller vegetarrett, riskrem, gang rundt juletreet og en liten gave til alle.\n\nAlle er velkomne, alene eller sammen med noen. Meld deg på, så vi vet hvor mye mat vi skal lage. Vil du hjelpe til på kjøkkenet, kan du melde deg på som frivillig.',
   'social_meals', '{substance_free,free_of_charge,families,wheelchair_accessible}',
   'Festsalen i Storgata', 'Storgata 12, 0184 Oslo', 'Oslo', false,
   pg_temp.next_yearly(12, 24), '15:00', 300, null, 'per_session', 60, true, 6),
  -- Open Kitchen Oslo (in English)
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000107', '0b9f7f3e-1c1a-4c61-9d1e-000000000005', 'monday-dinner',
   'Monday community dinner',
   'A shared dinner every Monday at 17.30. We cook together, eat together and talk in English.',
   E'Every Monday we cook a big meal together and share it around one long table. The menu changes every week, and there is always a vegetarian dish.\n\nCome a bit early if you want to help in the kitchen, or just come to eat. No need to sign up.',
   'social_meals', '{substance_free,free_of_charge,english_spoken,drop_in,wheelchair_accessible}',
   'Open Kitchen', 'Hagegata 22, 0653 Oslo', 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 1), '17:30', 120, 'FREQ=WEEKLY;BYDAY=MO', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000108', '0b9f7f3e-1c1a-4c61-9d1e-000000000005', 'kitchen-crew',
   'Volunteer in the kitchen',
   'Help us prepare the Monday dinner: chopping, cooking and setting the table, from 15.30.',
   E'The Monday dinner needs a kitchen crew. You chop, stir and set the table with a few others, and you eat with everyone afterwards.\n\nNo cooking experience needed. Sign up for the dates that suit you.',
   'volunteering', '{substance_free,english_spoken,beginners_welcome}',
   'Open Kitchen', 'Hagegata 22, 0653 Oslo', 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 1), '15:30', 120, 'FREQ=WEEKLY;BYDAY=MO', 'per_session', 6, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000109', '0b9f7f3e-1c1a-4c61-9d1e-000000000005', 'norwegian-practice',
   'Norwegian practice over coffee',
   'Practise Norwegian in small groups every Saturday at 12.00, at the library. All levels.',
   E'Practise your Norwegian over coffee. We split into small groups by level, and a volunteer leads each group.\n\nUseful for job interviews, school meetings and everyday talk. Just turn up.',
   'work_study', '{substance_free,free_of_charge,english_spoken,drop_in,beginners_welcome}',
   'Deichman Grünerløkka', 'Schous plass 10, 0552 Oslo', 'Oslo', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 6), '12:00', 90, 'FREQ=WEEKLY;BYDAY=SA', 'none', null, false, 0),
  -- Fri vei friluft, Bergen
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000110', '0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'floyen-sondag',
   'Søndagstur til Fløyen',
   'Annenhver søndag kl. 11.00 går vi fra Fløibanens nedre stasjon opp til Fløyen og videre til Brushytten.',
   E'Annenhver søndag går vi opp Fløysvingene til Fløyen, og videre til Brushytten hvis været er med oss. Det er bratt første halvtime; vi tar det i ditt tempo.\n\nVil du heller ta banen opp, møter du oss på toppen. Vi møtes ved Fløibanens nedre stasjon kl. 11.00. Gode sko og regntøy – dette er Bergen.',
   'outdoor', '{substance_free,free_of_charge,drop_in,beginners_welcome}',
   'Fløibanens nedre stasjon', 'Vetrlidsallmenningen 23A, 5014 Bergen', 'Bergen', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 7), '11:00', 180, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000111', '0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'ulriken-dagstur',
   'Dagstur over Ulriken',
   'Tur fra Ulriken til Fløyen over Vidden – en lang dag i fjellet. Vi går i rolig tempo med lange pauser.',
   E'Vi tar Ulriksbanen opp og går Vidden over til Fløyen: rundt 15 kilometer i fjellterreng, merket sti hele veien. Det tar 6–7 timer med pauser.\n\n- Gode tursko, vindtett jakke og lue\n- Mat og drikke for hele dagen\n- Ulriksbanen betaler vi for deg\n\nMeld deg på, så vi vet hvor mange som blir med. Er været for dårlig, avlyser vi og sier fra dagen før.',
   'outdoor', '{substance_free,free_of_charge}',
   'Ulriksbanens nedre stasjon', 'Haukelandsbakken 40, 5009 Bergen', 'Bergen', false,
   pg_temp.next_weekday(pg_temp.today() + 10, 6), '09:30', 450, null, 'per_session', 15, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000112', '0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'baltur-svartediket',
   'Båltur til Svartediket',
   'En kort tur inn til Svartediket, der vi tenner bål og griller pølser. Passer for barn og voksne.',
   E'En kort og lett tur, rundt 2 kilometer hver vei, inn til Svartediket. Vi tenner bål, griller pølser (også vegetar) og koker kaffe på bålet.\n\nTa med sitteunderlag og varme klær. Vi møtes ved bommen i Tarlebøveien kl. 12.00.',
   'outdoor', '{substance_free,free_of_charge,families,beginners_welcome}',
   'Bommen ved Svartediket', 'Tarlebøveien 2, 5038 Bergen', 'Bergen', false,
   pg_temp.next_weekday(pg_temp.today() + 24, 6), '12:00', 180, null, 'per_session', 25, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000113', '0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'stirydding',
   'Dugnad: stirydding på Fløyen',
   'Andre lørdag i måneden rydder vi stier og kvister rundt Fløyen. Verktøy og lunsj får du av oss.',
   E'Andre lørdag i måneden tar vi et par timer med dugnad på stiene rundt Fløyen: kvister, grøfter og skilt. Etterpå spiser vi lunsj sammen.\n\nArbeidshansker og verktøy har vi. Meld deg på til datoen du vil være med.',
   'volunteering', '{substance_free,beginners_welcome}',
   'Fløyen, ved Fløistuen', 'Fløyfjellet 2, 5014 Bergen', 'Bergen', false,
   pg_temp.today() + 1, '10:00', 180, 'FREQ=MONTHLY;BYDAY=2SA', 'per_session', 12, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000114', '0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'klatrekurs',
   'Klatrekurs for nybegynnere – seks tirsdager',
   'Lær å klatre inne på seks tirsdagskvelder, med sikring og knuter. Utstyr er med i kurset.',
   E'Et grunnkurs i innendørs klatring over seks tirsdager. Du lærer å knyte deg inn, sikre en annen og klatre enkle ruter. Etter kurset kan du ta brattkortet.\n\nSko, sele og tau låner du av klatresenteret. Påmeldingen gjelder alle de seks datoene samlet. Blir kurset fullt, kan du stå på venteliste.',
   'course', '{substance_free,free_of_charge,beginners_welcome}',
   'Bergen klatresenter', 'Thormøhlens gate 51, 5006 Bergen', 'Bergen', false,
   pg_temp.next_weekday(pg_temp.today() + 4, 2), '18:00', 120, 'FREQ=WEEKLY;BYDAY=TU;COUNT=6', 'whole_series', 8, true, 0),
  -- Samtalegruppa, Trondheim
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000115', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'samtalegruppe-onsdag',
   'Samtalegruppe på onsdager',
   'Åpen samtalegruppe hver onsdag kl. 19.00, ledet av likepersoner. Du kan lytte uten å si noe.',
   E'En åpen samtalegruppe om hverdagen, om det som er vanskelig og det som går bra. To likepersoner leder gruppa.\n\nDu bestemmer selv hva du vil dele, og det er helt greit å bare lytte. Det som blir sagt i gruppa, blir i gruppa. LAR-pasienter er hjertelig velkomne.\n\nBare møt opp. Det er kaffe og te fra kl. 18.45.',
   'dialogue_group', '{substance_free,free_of_charge,drop_in,no_sharing_required}',
   'Samtalegruppas lokaler, 2. etasje', 'Olav Tryggvasons gate 24, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 3), '19:00', 90, 'FREQ=WEEKLY;BYDAY=WE', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000116', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'tolvtrinnsgruppe-mandag',
   'Tolvtrinnsbasert møte på mandager',
   'Et åpent tolvtrinnsbasert møte hver mandag kl. 18.00. Alle som er interessert, er velkomne.',
   E'Et åpent møte som følger tolv trinn. Vi leser en tekst, og de som vil, deler etterpå.\n\nMøtet er åpent – du trenger ikke være medlem av noe for å komme.',
   'dialogue_group', '{substance_free,free_of_charge,drop_in}',
   'Samtalegruppas lokaler, 2. etasje', 'Olav Tryggvasons gate 24, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 1), '18:00', 60, 'FREQ=WEEKLY;BYDAY=MO', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000117', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'talk-group-english',
   'Talk group in English (online)',
   'An online talk group in English every Thursday at 20.00, led by peers. Listening is fine.',
   E'A talk group in English for anyone who lives in Norway and prefers to talk in English. Two peers lead the group.\n\nYou decide what you share; listening is fine too. Sign up for a date, and the organizers send you the link before it starts.',
   'dialogue_group', '{substance_free,free_of_charge,english_spoken,no_sharing_required}',
   null, null, null, true,
   pg_temp.next_weekday(pg_temp.today() + 1, 4), '20:00', 60, 'FREQ=WEEKLY;BYDAY=TH', 'per_session', 12, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000118', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'bowling',
   'Bowlingkveld første fredag',
   'Bowling første fredag i måneden kl. 19.00. To baner, sko og pizza etterpå.',
   E'Første fredag i måneden leier vi to baner og spiller et par runder. Ingen trenger å kunne bowle – det er mest for moroa.\n\nBaner, sko og pizza etterpå dekker vi. Meld deg på, så vi vet hvor mange baner vi trenger.',
   'sport', '{substance_free,free_of_charge,beginners_welcome,wheelchair_accessible}',
   'Bowlinghallen på Leangen', 'Bromstadveien 59, 7047 Trondheim', 'Trondheim', false,
   pg_temp.today() + 1, '19:00', 120, 'FREQ=MONTHLY;BYDAY=1FR', 'per_session', 16, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000119', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'rusfri-nyttarsaften',
   'Rusfri nyttårsaften',
   'Nyttårsfeiring med tapas, quiz og musikk. Vi ser rakettene fra Kristiansten festning ved midnatt.',
   E'Vi feirer nyttårsaften sammen: tapas og alkoholfri bobler, quiz og musikk. Litt før midnatt går vi opp til Kristiansten festning og ser rakettene.\n\nMeld deg på, så vi vet hvor mye mat vi skal lage.',
   'social_meals', '{substance_free,free_of_charge}',
   'Samtalegruppas lokaler, 2. etasje', 'Olav Tryggvasons gate 24, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_yearly(12, 31), '19:00', 330, null, 'per_session', 40, true, 4),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000120', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'skriveverksted',
   'Skriveverksted',
   'Annenhver tirsdag kl. 17.00 skriver vi korte tekster ut fra en liten oppgave. Ingen må lese høyt.',
   E'Vi får en liten skriveoppgave og skriver i en halvtime. De som vil, leser høyt etterpå – ingen må.\n\nPapir og penn har vi. Ta med PC hvis du liker det bedre.',
   'culture_creative', '{substance_free,free_of_charge,beginners_welcome,no_sharing_required,wheelchair_accessible}',
   'Trondheim folkebibliotek, møterom 2', 'Peter Egges plass 1, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 2), '17:00', 90, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000121', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'forstehjelpskurs',
   'Førstehjelpskurs – en lørdag',
   'Lær grunnleggende førstehjelp på én dag: hjerte-lunge-redning, sideleie og overdose. Med lunsj.',
   E'Et dagskurs i grunnleggende førstehjelp med en instruktør fra Røde Kors. Vi øver på hjerte-lunge-redning, stabilt sideleie og hva du gjør ved en overdose, med nalokson-nesespray.\n\nLunsj er med. Meld deg på – vi har plass til 14.',
   'course', '{substance_free,free_of_charge,beginners_welcome}',
   'Samtalegruppas lokaler, 2. etasje', 'Olav Tryggvasons gate 24, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_weekday(pg_temp.today() + 17, 6), '10:00', 300, null, 'per_session', 14, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000122', '0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'studieverksted',
   'Studieverksted på torsdager',
   'Få hjelp med skole, søknader og nettkurs hver torsdag kl. 16.00. Frivillige lærere er til stede.',
   E'Tar du fag, et nettkurs eller vil tilbake til skolen? Frivillige med lærerbakgrunn hjelper deg med lekser, søknader til Samordna opptak og å finne riktig kurs.\n\nBare møt opp med det du jobber med.',
   'work_study', '{substance_free,free_of_charge,drop_in}',
   'Trondheim folkebibliotek, møterom 2', 'Peter Egges plass 1, 7011 Trondheim', 'Trondheim', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 4), '16:00', 120, 'FREQ=WEEKLY;BYDAY=TH', 'none', null, false, 0),
  -- Pårørendenettverket, Stavanger
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000123', '0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'kurs-for-parorende',
   'Kurs for pårørende – fire kvelder',
   'Fire tirsdagskvelder om å være pårørende: kunnskap, grenser og egen hverdag. Påmelding til alle kveldene.',
   E'Et kurs over fire kvelder for deg som er pårørende – forelder, partner, søsken, voksent barn eller venn.\n\n1. Rus og familien: hva skjer, og hvorfor\n2. Å sette grenser og ta vare på seg selv\n3. Hjelpeapparatet: hvem gjør hva\n4. Veien videre, med erfaringer fra andre pårørende\n\nKurset ledes av en familieterapeut og en erfaren pårørende. Påmeldingen gjelder alle de fire kveldene samlet. Blir kurset fullt, kan du stå på venteliste.\n\nGratis – kaffe og vafler.',
   'course', '{free_of_charge,no_sharing_required}',
   'Pårørendenettverkets lokaler', 'Kongsgata 10, 4005 Stavanger', 'Stavanger', false,
   pg_temp.next_weekday(pg_temp.today() + 7, 2), '18:00', 150, 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', 'whole_series', 14, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000124', '0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'samtalegruppe-parorende',
   'Samtalegruppe for pårørende',
   'Andre torsdag i måneden kl. 18.00 møtes pårørende for å snakke sammen. Ledet av likepersoner.',
   E'En samtalegruppe for pårørende, ledet av to som selv har vært pårørende. Her kan du si det du kanskje ikke sier andre steder.\n\nDet er helt greit å bare lytte. Meld deg på, så vi vet hvor mange vi blir.',
   'dialogue_group', '{free_of_charge,no_sharing_required}',
   'Pårørendenettverkets lokaler', 'Kongsgata 10, 4005 Stavanger', 'Stavanger', false,
   pg_temp.today() + 1, '18:00', 120, 'FREQ=MONTHLY;BYDAY=2TH', 'per_session', 12, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000125', '0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'tur-rundt-mosvatnet',
   'Lørdagstur rundt Mosvatnet',
   'En rolig runde rundt Mosvatnet hver lørdag kl. 11.00, med kaffe etterpå. Rundt 3,5 km.',
   E'Hver lørdag går vi en runde rundt Mosvatnet – flat tursti, rundt 3,5 kilometer. Etterpå tar vi en kaffe for de som vil.\n\nBarnevogn og rullestol går fint. Vi møtes ved badeplassen.',
   'outdoor', '{free_of_charge,drop_in,families,wheelchair_accessible}',
   'Badeplassen ved Mosvatnet', 'Tjensvollveien 1, 4021 Stavanger', 'Stavanger', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 6), '11:00', 90, 'FREQ=WEEKLY;BYDAY=SA', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000126', '0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'familiesondag',
   'Familiesøndag',
   'Siste søndag i måneden: lunsj, spill og aktiviteter for barn og voksne. Fra kl. 12.00.',
   E'Siste søndag i måneden møtes familier til lunsj, brettspill og aktiviteter for barna. Vi har egen barnekrok med voksne som passer på.\n\nFor pårørende i alle aldre – ta med hele familien. Skriv gjerne hvor mange barn som kommer i meldingen til arrangøren.',
   'social_meals', '{substance_free,free_of_charge,families}',
   'Pårørendenettverkets lokaler', 'Kongsgata 10, 4005 Stavanger', 'Stavanger', false,
   pg_temp.today() + 1, '12:00', 180, 'FREQ=MONTHLY;BYDAY=-1SU', 'per_session', 30, true, 2),
  -- Møteplassen Kristiansand (public service)
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000127', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'fellesmiddag-torsdag',
   'Fellesmiddag på torsdager',
   'Middag hver torsdag kl. 17.00 på frivilligsentralen. Vi lager mat sammen og spiser ved langbordet.',
   E'Hver torsdag lager vi middag sammen på kjøkkenet til frivilligsentralen og spiser ved langbordet. Maten er gratis.\n\nBare møt opp. Vil du hjelpe til på kjøkkenet, er du velkommen fra kl. 16.00.',
   'social_meals', '{substance_free,free_of_charge,drop_in,wheelchair_accessible}',
   'Kristiansand frivilligsentral', 'Kirkegata 15, 4610 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 4), '17:00', 120, 'FREQ=WEEKLY;BYDAY=TH', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000128', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'cv-verksted',
   'CV-verksted',
   'Skriv eller oppdater CV-en og søknaden din med hjelp fra en jobbveileder. Hver tirsdag kl. 12.00.',
   E'Vil du søke jobb, praksisplass eller skole? En jobbveileder hjelper deg med CV og søknad, og med hvordan du forklarer hull i CV-en.\n\nTa med PC hvis du har. Vi har også to PC-er du kan låne. Meld deg på til en dato – vi har plass til åtte hver gang.',
   'work_study', '{substance_free,free_of_charge,beginners_welcome}',
   'Møteplassen', 'Markens gate 20, 4611 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 2), '12:00', 120, 'FREQ=WEEKLY;BYDAY=TU', 'per_session', 8, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000129', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'fredagskafe',
   'Fredagskafé',
   'Åpen kafé hver fredag kl. 11.00–14.00. Gratis – kaffe og vafler.',
   E'Hver fredag holder vi kafeen åpen. Kom innom for en kaffe, en prat eller et spill. Gratis – kaffe og vafler.\n\nDu trenger ikke melde deg på.',
   'social_meals', '{substance_free,free_of_charge,drop_in,wheelchair_accessible}',
   'Møteplassen', 'Markens gate 20, 4611 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 5), '11:00', 180, 'FREQ=WEEKLY;BYDAY=FR', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000130', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'frivillig-fredagskafe',
   'Frivillig på fredagskafeen',
   'Steke vafler, koke kaffe og ta imot folk på fredagskafeen, kl. 10.30–14.00.',
   E'Fredagskafeen drives av frivillige. Du steker vafler, koker kaffe og tar imot dem som kommer.\n\nDu får en kort opplæring første gang. Meld deg på til de datoene som passer deg.',
   'volunteering', '{substance_free,beginners_welcome}',
   'Møteplassen', 'Markens gate 20, 4611 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 5), '10:30', 210, 'FREQ=WEEKLY;BYDAY=FR', 'per_session', 3, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000131', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'badminton',
   'Badminton på onsdager',
   'Badminton i Gimlehallen hver onsdag kl. 18.00. Racketer kan du låne.',
   E'Vi har fire baner i Gimlehallen hver onsdag. Vi spiller double og bytter partner underveis.\n\nRacketer og baller kan du låne. Bare møt opp med innesko.',
   'sport', '{substance_free,free_of_charge,drop_in,beginners_welcome}',
   'Gimlehallen', 'Universitetsveien 16, 4630 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 3), '18:00', 90, 'FREQ=WEEKLY;BYDAY=WE', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000132', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'musikkverksted-unge',
   'Musikkverksted for unge',
   'For deg mellom 16 og 25: spill i band, lag låter eller prøv studioet. Hver onsdag kl. 16.00.',
   E'Et musikkverksted for unge mellom 16 og 25. Vi har øvingsrom med trommer, gitarer og keyboard, og et lite studio.\n\nDu trenger ikke kunne spille. To musikere er til stede og hjelper deg i gang. Bare møt opp.',
   'culture_creative', '{substance_free,free_of_charge,youth,beginners_welcome,drop_in}',
   'Møteplassen, kjelleren', 'Markens gate 20, 4611 Kristiansand', 'Kristiansand', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 3), '16:00', 120, 'FREQ=WEEKLY;BYDAY=WE', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000133', '0b9f7f3e-1c1a-4c61-9d1e-000000000007', 'rusfri-17-mai',
   'Rusfri 17. mai-frokost',
   'Frokost og leker før barnetoget. Vi går samlet til toget kl. 11.00.',
   E'Vi starter nasjonaldagen med frokost på frivilligsentralen: rundstykker, eggerøre og kake. Det blir leker for barna i hagen.\n\nKl. 11.00 går vi samlet ned for å se barnetoget. Meld deg på, så vi vet hvor mange som kommer.',
   'social_meals', '{substance_free,free_of_charge,families,wheelchair_accessible}',
   'Kristiansand frivilligsentral', 'Kirkegata 15, 4610 Kristiansand', 'Kristiansand', false,
   pg_temp.next_yearly(5, 17), '09:00', 180, null, 'per_session', 50, true, 3),
  -- Furutun behandlingssenter, Gjøvik (treatment facility)
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000134', '0b9f7f3e-1c1a-4c61-9d1e-000000000008', 'apen-kveld',
   'Åpen kveld på Furutun',
   'Første torsdag i måneden: middag og samtalegruppe. Åpent for alle, også for pårørende.',
   E'Første torsdag i måneden holder vi åpent hus. Vi spiser middag sammen kl. 17.30 og har samtalegruppe etterpå, ledet av en av våre terapeuter og en likeperson.\n\nKvelden er åpen for alle – enten du har vært i behandling hos oss eller ikke – og for pårørende. Meld deg på, så vi vet hvor mange vi blir til middag.',
   'dialogue_group', '{substance_free,free_of_charge,no_sharing_required,wheelchair_accessible}',
   'Furutun, spisesalen', 'Furuvegen 8, 2815 Gjøvik', 'Gjøvik', false,
   pg_temp.today() + 1, '17:30', 150, 'FREQ=MONTHLY;BYDAY=1TH', 'per_session', 30, true, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000135', '0b9f7f3e-1c1a-4c61-9d1e-000000000008', 'malegruppe',
   'Malegruppe',
   'Akvarell og akryl hver tirsdag kl. 17.30 i kunstrommet. Materialer får du av oss.',
   E'En malegruppe med en kunstterapeut. Vi maler med akvarell og akryl, og alle jobber i sitt eget tempo.\n\nMaterialer får du av oss. Ingen erfaring trengs. Bare møt opp.',
   'culture_creative', '{substance_free,free_of_charge,beginners_welcome,drop_in,wheelchair_accessible}',
   'Furutun, kunstrommet', 'Furuvegen 8, 2815 Gjøvik', 'Gjøvik', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 2), '17:30', 120, 'FREQ=WEEKLY;BYDAY=TU', 'none', null, false, 0),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000136', '0b9f7f3e-1c1a-4c61-9d1e-000000000008', 'yoga-for-kvinner',
   'Yoga for kvinner',
   'Rolig yoga for kvinner hver mandag kl. 18.00. Matter har vi; kom i klær du kan bevege deg i.',
   E'En rolig yogatime med pust, tøying og avspenning. Instruktøren viser enklere varianter av hver øvelse.\n\nMatter og tepper har vi. Meld deg på til datoen du vil komme – vi har plass til tolv.',
   'sport', '{substance_free,free_of_charge,women_only,beginners_welcome}',
   'Furutun, gymsalen', 'Furuvegen 8, 2815 Gjøvik', 'Gjøvik', false,
   pg_temp.next_weekday(pg_temp.today() + 1, 1), '18:00', 75, 'FREQ=WEEKLY;BYDAY=MO', 'per_session', 12, true, 0)
) as v(id, org, slug, title, summary, description, category, attributes, venue, address, city, online,
       first_date, start_time, duration, rrule, signup_mode, capacity, waitlist, helpers)
on conflict (id) do nothing;

-- Two dates an organizer has changed: the third innebandy Tuesday is cancelled, and the third
-- Wednesday talk group is moved to the Thursday. The app's sessions job leaves them as they are.
insert into public.sessions (id, activity_id, occurrence_date, starts_at, ends_at, status, cancel_reason, edited)
select '0b9f7f3e-1c1a-4c61-9d1e-000000000201'::uuid, a.id, a.first_date + 14,
       ((a.first_date + 14) + a.start_time) at time zone a.timezone,
       ((a.first_date + 14) + a.start_time) at time zone a.timezone + make_interval(mins => a.duration_minutes),
       'cancelled'::public.session_status, 'Gymsalen er opptatt denne kvelden. Vi ses tirsdagen etter!', true
from public.activities a where a.id = '0b9f7f3e-1c1a-4c61-9d1e-000000000101'
union all
select '0b9f7f3e-1c1a-4c61-9d1e-000000000202'::uuid, a.id, a.first_date + 14,
       ((a.first_date + 15) + a.start_time) at time zone a.timezone,
       ((a.first_date + 15) + a.start_time) at time zone a.timezone + make_interval(mins => a.duration_minutes),
       'scheduled'::public.session_status, null, true
from public.activities a where a.id = '0b9f7f3e-1c1a-4c61-9d1e-000000000115'
on conflict do nothing;

drop function pg_temp.ski_start();
drop function pg_temp.next_yearly(int, int);
drop function pg_temp.next_weekday(date, int);
drop function pg_temp.today();
