-- The seat sections of a performance with their names in every language. They are copied from
-- the seat map when the performance is created, like its seats, so tickets, the desk and the
-- door name a seat's section from the performance itself: a seat map may change or be removed
-- later, and a performance may have been given its layout directly.
create table performance_sections (
  performance_id uuid not null references performances (id) on delete cascade,
  id text not null,
  name jsonb not null,
  -- the order of the sections on the map, front first
  sort_order integer not null default 0,
  primary key (performance_id, id)
);

-- Performances created before: the section's name from the newest seat map of the space that
-- has a section with that id (what the box office used to read), else the id made readable.
insert into performance_sections (performance_id, id, name, sort_order)
select s.performance_id, s.section,
       coalesce(
         (select sec -> 'name'
            from performances p join seat_maps m on m.space_id = p.space_id
                 cross join lateral jsonb_array_elements(m.layout -> 'sections') as sec
           where p.id = s.performance_id and sec ->> 'id' = s.section
           order by m.created_at desc limit 1),
         jsonb_build_object('en', initcap(replace(s.section, '-', ' ')))),
       (row_number() over (partition by s.performance_id order by min(s.y), s.section))::int - 1
  from seats s
 group by s.performance_id, s.section;

-- Every seat is in a section of its performance.
alter table seats add constraint seats_section_fkey foreign key (performance_id, section)
  references performance_sections (performance_id, id) on delete cascade;
