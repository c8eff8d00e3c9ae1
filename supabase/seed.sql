-- Demo data for `npm start` and the end-to-end tests. Fictional organizations, in Norwegian
-- and English. Never run against production.

insert into public.organizations
  (id, slug, name, description, kind, approaches, contact_email, website, region, city, status, approved_at)
values
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000001', 'ball-og-fellesskap', 'Ball og fellesskap',
   'Fotball, innebandy og turer for voksne som vil ha en rusfri hverdag med andre. Alle er velkomne, uansett form.',
   'user_organization', '{peer_led,activity_based,non_twelve_step}', 'post@ballogfellesskap.example',
   'https://ballogfellesskap.example', 'Oslo', 'Oslo', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000002', 'fri-vei-friluft', 'Fri vei friluft',
   'Turer i skog og fjell, bål og felles måltider. Ingen forkunnskaper trengs.',
   'ngo', '{activity_based,peer_led}', 'hei@frivei.example', null, 'Vestland', 'Bergen', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000003', 'samtalegruppa', 'Samtalegruppa',
   'Samtalegrupper ledet av likepersoner, med og uten tolvtrinnsbakgrunn.',
   'user_organization', '{dialogue_based,peer_led,twelve_step}', null, null, 'Trøndelag', 'Trondheim', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000004', 'parorendenettverket', 'Pårørendenettverket',
   'Kurs og møteplasser for pårørende: foreldre, partnere, søsken og barn.',
   'ngo', '{for_relatives,dialogue_based}', 'kontakt@parorende.example', null, 'Rogaland', 'Stavanger', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000005', 'open-kitchen-oslo', 'Open Kitchen Oslo',
   'Shared meals and cooking evenings in English for newcomers to Norway and anyone who wants company.',
   'ngo', '{activity_based,non_twelve_step}', 'hello@openkitchen.example', null, 'Oslo', 'Oslo', 'approved', now()),
  ('0b9f7f3e-1c1a-4c61-9d1e-000000000006', 'venter-pa-godkjenning', 'Venter på godkjenning',
   'En organisasjon som ennå ikke er godkjent, og derfor ikke vises offentlig.',
   'user_organization', '{peer_led}', null, null, 'Agder', 'Kristiansand', 'pending', null)
on conflict (id) do nothing;
