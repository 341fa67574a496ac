-- ISO 13528 ζ (issue 11): the standard uncertainty u(x) a participant states with an EQA result, in the round item's
-- unit; null when it stated none (and for every result recorded before). The samples' u(X) and the z′/ζ scores
-- live in the rounds' and grades' JSON columns.
ALTER TABLE readmodel.eqa_submission ADD COLUMN uncertainty numeric;
