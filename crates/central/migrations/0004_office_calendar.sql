-- Days on which an office stays closed whatever its opening sessions say, such
-- as public holidays: a JSON array of local dates `YYYY-MM-DD`, in date order.
ALTER TABLE offices ADD COLUMN closed_days TEXT NOT NULL DEFAULT '[]';
