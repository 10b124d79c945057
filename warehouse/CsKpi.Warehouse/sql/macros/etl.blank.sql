-- Parsing of the contract's text values (data-contract.md, "Types") is shared by every load script: a parser returns
-- NULL for a value it cannot read, and the load scripts turn that NULL into a reject with a reason.
-- A value that is empty or only spaces is no value (NULL).
create or replace macro etl.blank(v) as nullif(trim(v), '');
