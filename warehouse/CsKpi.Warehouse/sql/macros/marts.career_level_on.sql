-- grain: one row per store per level: the ladder in force on a day
create or replace macro marts.career_level_on(day) as table
select * from marts.career_level_version() where valid_from <= day::date and (valid_to is null or valid_to > day::date);
