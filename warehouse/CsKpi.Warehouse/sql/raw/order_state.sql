-- grain: one row per distinct state of an order (state_key); raw.order_current is the newest per order
-- Loads the staged rows of one orders file. Variables: file_id, file_name, time_zone, buyer_column (the file has a
-- buyer column: without one, as in a privacy-stripped export, orders load without a buyer and are never credited),
-- refund_column (the file has a refund amount column). The stage's order_total is the export's 总金额, when it has one.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        etl.blank(order_id) as order_id,
        etl.blank(store_id) as store_id,
        etl.blank(buyer_id) as buyer_id,
        created_at as created_at_text,
        etl.parse_timestamp(created_at, getvariable('time_zone')) as created_at,
        paid_at as paid_at_text,
        etl.parse_timestamp(paid_at, getvariable('time_zone')) as paid_at,
        amount as amount_text,
        etl.parse_money(amount) as amount_paid,
        etl.parse_money(order_total) as order_total,
        items as items_text,
        coalesce(etl.parse_integer(items), case when etl.blank(items) is null then 1 end) as items,
        status as status_text,
        etl.order_status(status) as status,
        refund_amount as refund_amount_text,
        etl.parse_money(refund_amount) as refund_given,
        refunded_at as refunded_at_text,
        etl.parse_timestamp(refunded_at, getvariable('time_zone')) as refunded_at,
        updated_at as updated_at_text,
        etl.parse_timestamp(updated_at, getvariable('time_zone')) as updated_at
    from staged
),

-- The contract's amount is what the buyer paid before any refund. Some re-saved Taobao reports carry 买家实际支付金额
-- net of refunds beside 总金额 and 退款金额; on such a row paid + refund = total, which a paid-before-refunds row
-- (paid = total) never shows with a refund, so the row itself says which it is. A refunded order of a file without
-- any refund column (Pinduoduo's 退款成功) was refunded whole.
amounted as (
    select
        * exclude (amount_paid, refund_given, status),
        case when order_total is not null and refund_given > 0 and amount_paid + refund_given = order_total then order_total
             else amount_paid end as amount,
        coalesce(refund_given, case when etl.blank(refund_amount_text) is null then
            case when (status = 'refunded' or status = 'closed' and paid_at is not null) and not getvariable('refund_column')
                 then amount_paid else 0 end end) as refund_amount,
        -- An order closed after its payment was refunded in full (Taobao's 交易关闭, JD's and Pinduoduo's 已取消 once
        -- paid): refunded in the contract's words. A partial refund leaves the order where its parcel is (交易成功).
        case when status = 'closed' and paid_at is not null then 'refunded' else status end as status
    from parsed
),

checked as (
    select
        *,
        case
            when order_id is null then {'column_name': 'order_id', 'value': '', 'code': 'orders.order_id.empty', 'args': null}
            when store_id is null then {'column_name': 'store_id', 'value': '', 'code': 'orders.store_id.empty', 'args': null}
            when buyer_id is null and getvariable('buyer_column') then {'column_name': 'buyer_id', 'value': '', 'code': 'orders.buyer_id.empty', 'args': null}
            when created_at is null then {'column_name': 'created_at', 'value': coalesce(created_at_text, ''),
                'code': case when etl.blank(created_at_text) is null then 'timestamp.empty' else 'timestamp.invalid' end, 'args': null}
            when etl.blank(paid_at_text) is not null and paid_at is null then {'column_name': 'paid_at', 'value': paid_at_text,
                'code': 'orders.paid_at.invalid', 'args': null}
            when amount is null then {'column_name': 'amount', 'value': coalesce(amount_text, ''),
                'code': case when etl.blank(amount_text) is null then 'orders.amount.empty' else 'orders.amount.invalid' end, 'args': null}
            when amount < 0 then {'column_name': 'amount', 'value': amount_text, 'code': 'money.negative', 'args': null}
            when items is null or items < 1 then {'column_name': 'items', 'value': coalesce(items_text, ''), 'code': 'orders.items.invalid', 'args': null}
            when etl.blank(status_text) is not null and status is null then {'column_name': 'status', 'value': status_text, 'code': 'orders.status.invalid', 'args': null}
            when refund_amount is null then {'column_name': 'refund_amount', 'value': refund_amount_text, 'code': 'orders.refund_amount.invalid', 'args': null}
            when refund_amount < 0 then {'column_name': 'refund_amount', 'value': refund_amount_text, 'code': 'money.negative', 'args': null}
            when refund_amount > amount then {'column_name': 'refund_amount', 'value': refund_amount_text,
                'code': 'orders.refund_amount.above_amount', 'args': to_json({'amount': amount_text})::varchar}
            when etl.blank(refunded_at_text) is not null and refunded_at is null then {'column_name': 'refunded_at', 'value': refunded_at_text,
                'code': 'timestamp.invalid', 'args': null}
            when etl.blank(updated_at_text) is not null and updated_at is null then {'column_name': 'updated_at', 'value': updated_at_text,
                'code': 'timestamp.invalid', 'args': null}
        end as failure
    from amounted
)

select * from checked;

-- The file's creation times: a state's key holds its order's created_at, so an identical loaded state lies in this range
-- and the dedupe reads only the history's row groups of those days (DuckDB skips the others by their min/max).
set variable first_created_at = (select min(created_at) from typed where failure is null);
set variable last_created_at = (select max(created_at) from typed where failure is null);

-- A state identical to one already loaded (the same export read twice, overlapping exports) is a duplicate.
create or replace temp table fresh as
with valid as (
    select
        md5(concat_ws(chr(31), store_id, order_id, coalesce(buyer_id, ''), created_at::varchar, coalesce(paid_at::varchar, ''), amount::varchar,
                      items::varchar, coalesce(status, ''), refund_amount::varchar, coalesce(refunded_at::varchar, ''),
                      coalesce(updated_at::varchar, ''))) as state_key,
        *
    from typed
    where failure is null
),

first_in_file as (
    select * from valid
    qualify row_number() over (partition by state_key order by line) = 1
)

select f.*
from first_in_file as f
anti join (
    select state_key from raw.order_state
    where created_at between getvariable('first_created_at') and getvariable('last_created_at')
) as r on r.state_key = f.state_key;

-- The days an order's money lands on: its creation, payment and refund, before and after this file.
-- The previous state is raw.order_current's rule (views/raw.order_current.sql) applied to this file's orders only: the
-- view numbers every state of every order ever loaded, so a day's load grew with the history. The semi join is on
-- the window's own partition key, so it keeps whole partitions and the newest of each is the same; DuckDB pushes the
-- file's min/max order_id into the scan, and the history's row groups of other orders are skipped.
insert or ignore into etl.touched_days
with previous as (
    select s.store_id, s.created_at, s.paid_at, s.refunded_at
    from raw.order_state as s
    semi join fresh as f on f.store_id = s.store_id and f.order_id = s.order_id
    qualify row_number() over (partition by s.store_id, s.order_id order by s.updated_at desc nulls last, s.load_seq desc) = 1
),

moments as (
    select store_id, created_at as moment from fresh
    union all select store_id, paid_at from fresh
    union all select store_id, refunded_at from fresh
    union all select store_id, created_at from previous
    union all select store_id, paid_at from previous
    union all select store_id, refunded_at from previous
)

select distinct getvariable('file_id'), store_id, cast(moment as date) from moments where moment is not null;

insert into raw.order_state
select state_key, order_id, store_id, buyer_id, created_at, paid_at, amount, items, status, refund_amount, refunded_at, updated_at,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;
