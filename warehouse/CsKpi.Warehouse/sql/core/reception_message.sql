-- grain: one row per non-system chat message of the business days in reception_day (a temp table)
-- The one window pass over the reception messages: each message with what fct_reception and fct_question need of
-- its place in the consultation (the gap to the message before it, the next agent message, whether it begins a
-- question and that question's reply), so that they aggregate these rows and no message is sorted again. Only the
-- key, the time, flags and two settings go through the window: the names and the text are reception_consultation's.
-- Runs once per distinct filter_ad_patterns in scope, as reception_consultation.sql: a consultation lies within one
-- store-day, so within one pattern's days, and each run windows whole consultations.
-- A question begins at the consultation's first buyer message or at a buyer message that follows a reply; its
-- reply is the first reply after it. Replies are agent messages, and auto messages when count_auto_replies is on;
-- other auto messages are neither a reply nor a break in a run of buyer messages. Ties in sent_at keep load order.

insert into reception_message
with messages as (
    select consultation_key, sent_at, load_seq, max_wait_seconds, slow_seconds, in_service_hours,
        sender = 'buyer' as is_buyer,
        sender = 'agent' as is_agent,
        sender = 'agent' or (sender = 'auto' and count_auto_replies) as is_reply
    from reception_chat
    where ad_pattern is not distinct from getvariable('ad_pattern')
),

-- Windows run over the integer consultation_key: partitions on four text columns cost several times more.
-- Every function looks one step back or on (ignoring nulls: the next or last row of a kind), or counts from the
-- partition's start, so none builds a segment tree.
placed as (
    select
        consultation_key, sent_at, is_buyer, is_agent, max_wait_seconds, slow_seconds, in_service_hours,
        epoch(sent_at) - epoch(lag(sent_at) over consultation) as gap_seconds,
        -- the next agent message's time: the next non-null value after the row. The minimum over a frame to the
        -- partition's end (the same time: rows are in time order) built a segment tree per partition; on 10 million
        -- messages it made this the costliest window of the recompute (docs/benchmarks.md, issue 17 round 8).
        lead(case when is_agent then sent_at end ignore nulls) over consultation as next_agent_at,
        -- whether the last buyer message or reply before this one (other auto messages skipped) was a buyer's: a
        -- buyer message after a reply or after none begins a question
        lag(case when is_buyer then true when is_reply then false end ignore nulls) over consultation as after_buyer,
        lead(case when is_reply then sent_at end ignore nulls) over consultation as next_reply_at,
        -- the buyer messages before this one: between two questions' first messages lie the first one's
        count(*) filter (where is_buyer) over (consultation rows between unbounded preceding and current row)
            - is_buyer::integer as buyers_before
    from messages
    window consultation as (partition by consultation_key order by sent_at, load_seq)
),

questions as (
    select *, is_buyer and after_buyer is distinct from true as is_question
    from placed
)

-- What fct_reception sums comes out ready to sum: null where a message does not count, so no aggregate filters.
-- The platform service metrics look at persons only (agent messages, never auto replies, whatever
-- count_auto_replies says): how long each buyer message waited for one, infinite when none came.
select
    consultation_key, sent_at, is_buyer, is_agent,
    -- the gap counts toward reception time up to max_wait_seconds only
    case when gap_seconds <= max_wait_seconds then gap_seconds end as wait_seconds,
    case when is_buyer then next_agent_at end as next_agent_at,
    case when is_buyer and in_service_hours then coalesce(epoch(next_agent_at) - epoch(sent_at), 'infinity'::double) end
        as manual_wait_seconds,
    is_question,
    case when is_question then buyers_before end as buyers_before,
    case when is_question then next_reply_at end as replied_at,
    case when is_question then epoch(next_reply_at) - epoch(sent_at) end as response_seconds,
    is_question and epoch(next_reply_at) - epoch(sent_at) > slow_seconds as is_slow
from questions;
