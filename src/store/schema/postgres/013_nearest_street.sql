-- 013_nearest_street: a hotspot (a point on the grid) is named by the nearest street an
-- address is on; the addresses with a street, by easting, give the few in a band
CREATE INDEX location_street_easting ON location(easting, northing) WHERE street IS NOT NULL AND street <> '';
