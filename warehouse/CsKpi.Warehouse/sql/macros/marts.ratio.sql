-- A ratio whose denominator is 0 (or nothing) is empty, never 0 and never an error.
create or replace macro marts.ratio(numerator, denominator) as
    case when denominator is null or denominator = 0 then null else numerator::double / denominator::double end;
