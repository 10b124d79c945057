-- The newest catalogue row of every course: the later load wins.
create or replace view raw.course as
select * exclude (rn) from (
    select *, row_number() over (partition by course_id order by load_seq desc) as rn from raw.course_version
) where rn = 1;
