-- The shared list of maaksessie themes (issue 5); procesbegeleiders add more from the session form.
INSERT INTO "session_themes" ("key", "name") VALUES
  ('werk', 'Werk'),
  ('onderwijs', 'Onderwijs'),
  ('gezondheid_ggz', 'Gezondheid en ggz'),
  ('sleutelpersonen', 'Sleutelpersonen'),
  ('vrouwelijke_nieuwkomers', 'Vrouwelijke nieuwkomers'),
  ('lokale_verbindingen', 'Lokale verbindingen'),
  ('wet_inburgering', 'Wet inburgering')
ON CONFLICT ("key") DO NOTHING;
