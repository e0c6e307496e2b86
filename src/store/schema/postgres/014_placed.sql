-- 014_placed: how a place's position was found. NULL: its own (the address base, a
-- geocoded import, a position given); 'postcode': an address typed in a call that is not
-- in the address base, placed at the centre of its postcode's known addresses
ALTER TABLE location ADD COLUMN placed text CHECK (placed IN ('postcode'));
