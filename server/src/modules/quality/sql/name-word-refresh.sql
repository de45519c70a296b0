-- Rebuilds name_word: for each word of a normalised roster name, in how many names it occurs
-- (the document frequency behind the IDF weights of the name similarity). Keys are filled
-- afterwards from Node (names.ts wordKey), only for words that have none.
-- Parameters: none.
insert into name_word (word, names)
select w, count(*)::int
from person p, unnest(string_to_array(p.name_norm, ' ')) as w
where p.name_norm is not null and p.name_norm <> ''
group by w
