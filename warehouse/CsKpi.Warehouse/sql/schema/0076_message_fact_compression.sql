-- Issue 17: the message facts (core.fct_reception, core.fct_question, core.fct_agent_message) are written with the
-- compression named for each column whose best method does not depend on the store's data, as 0075 did for the
-- orders and credits: left to pick, DuckDB first tries every method on each column of each row group, a large share of
-- each insert of a full recompute (docs/benchmarks.md, round 12). Nothing read changes: the values are the same, only
-- how their bytes are stored. Each choice is the one DuckDB makes for every row group of the benchmark's month
-- (pragma_storage_info), and why it holds for any store:
-- - the store and the agent: a dictionary. Few values (an agent's: a store's roster) against a row group's 122,880
--   rows.
-- - buyers and message keys, one or a few rows each in a row group: FSST (a buyer's consultations and questions: in
--   3 and 6 of the month's 28 and 30 row groups DuckDB made the buyers a dictionary, for about the same size).
-- - the business day: run-length encoding. The facts are written in (store, day) order whatever the data, so a day is
--   one run (a row group of a single day is still stored as a constant).
-- - the consultation key of a reception and the agent's version key: uncompressed. Both are hashes, whose 64 bits are
--   random, and a reception's key is its own; no method stores them in fewer bytes than the plain values.
-- - counts, flags, and the times that change from row to row: bit packing, which stores each group of values in the
--   bits their range needs, never more than the plain values.
-- - seconds (a difference of two message times, or a sum of such): ALP, which stores a decimal number of few digits
--   as an integer, exactly; a value it cannot (infinity) is kept aside as an exception.
-- - left to DuckDB, where the best method depends on the data: the filter reason (mostly null on the month: how many
--   consultations are filtered is the store's), the platform's service-hours columns (null on a platform without
--   them), the consultation key of a question or an agent message (a run of a consultation's rows, where they lie
--   together: run-length encoding for the agent messages on the month, uncompressed for the questions) and whether an
--   agent message is in a reception (run-length encoding on the month: the receptions' share is the store's).
-- As in 0074 and 0075, DuckDB has no ALTER for a column's compression, so each table is rebuilt once, its rows in
-- their order, with its comments.
create table core.fct_reception_rebuilt (
    store_id                       varchar not null using compression dictionary,
    agent_id                       varchar not null using compression dictionary,
    buyer_id                       varchar not null using compression fsst,
    business_day                   date not null using compression rle,
    consultation_key               ubigint not null using compression uncompressed,
    agent_key                      bigint not null using compression uncompressed,
    filter_reason                  varchar,
    is_received                    boolean not null using compression bitpacking,
    is_inquiry                     boolean not null using compression bitpacking,
    first_buyer_at                 timestamp not null using compression bitpacking,
    buyer_messages                 integer not null using compression bitpacking,
    agent_messages                 integer not null using compression bitpacking,
    auto_messages                  integer not null using compression bitpacking,
    questions                      integer not null using compression bitpacking,
    answered_questions             integer not null using compression bitpacking,
    first_response_seconds         double using compression alp,
    response_seconds               double not null using compression alp,
    slow_questions                 integer not null using compression bitpacking,
    is_slow                        boolean not null using compression bitpacking,
    is_replied                     boolean not null using compression bitpacking,
    reception_seconds              double not null using compression alp,
    is_service_hours               boolean,
    first_manual_response_seconds  double using compression alp,
    longest_manual_wait_seconds    double
);

insert into core.fct_reception_rebuilt
select store_id, agent_id, buyer_id, business_day, consultation_key, agent_key, filter_reason, is_received, is_inquiry,
       first_buyer_at, buyer_messages, agent_messages, auto_messages, questions, answered_questions,
       first_response_seconds, response_seconds, slow_questions, is_slow, is_replied, reception_seconds,
       is_service_hours, first_manual_response_seconds, longest_manual_wait_seconds
from core.fct_reception;

drop table core.fct_reception;
alter table core.fct_reception_rebuilt rename to fct_reception;

comment on table core.fct_reception is '咨询 — one row per consultation (store, agent, buyer, business day in which the buyer wrote); received unless filtered';
comment on column core.fct_reception.store_id is '店铺';
comment on column core.fct_reception.agent_id is '客服账号 — the seller-side account of the conversation';
comment on column core.fct_reception.buyer_id is '买家';
comment on column core.fct_reception.business_day is '营业日';
comment on column core.fct_reception.consultation_key is '咨询键 — hash of (store, agent, buyer, business day): joins and windows run on one integer; sql/checks would see two consultations sharing one';
comment on column core.fct_reception.agent_key is '客服版本键 — the agent''s version on that day';
comment on column core.fct_reception.filter_reason is '过滤原因 — blocked_buyer, ad or no_text (the first that holds); null for a reception';
comment on column core.fct_reception.is_received is '接待 — not filtered';
comment on column core.fct_reception.is_inquiry is '询单 — a reception of a non-aftersale agent whose buyer created no order in the aftersale_days before it';
comment on column core.fct_reception.first_buyer_at is '首条买家消息时间';
comment on column core.fct_reception.buyer_messages is '买家消息数';
comment on column core.fct_reception.agent_messages is '客服消息数 — not counting automatic replies';
comment on column core.fct_reception.auto_messages is '自动回复数';
comment on column core.fct_reception.questions is '问题数 — runs of buyer messages with no reply between them';
comment on column core.fct_reception.answered_questions is '已回复问题数';
comment on column core.fct_reception.first_response_seconds is '首次响应时间 — seconds from the first question to its reply; null when unanswered';
comment on column core.fct_reception.response_seconds is '响应时间合计 — seconds, summed over answered questions';
comment on column core.fct_reception.slow_questions is '慢响应问题数 — answered slower than slow_seconds';
comment on column core.fct_reception.is_slow is '慢响应 — at least slow_count slow questions';
comment on column core.fct_reception.is_replied is '已回复 — at least one answered question';
comment on column core.fct_reception.reception_seconds is '接待时长 — sum of gaps between consecutive messages up to max_wait_minutes each; 0 unless replied';
comment on column core.fct_reception.is_service_hours is '平台考核时段内 — the first buyer message falls in the service hours of the store''s platform; null for platforms without such metrics';
comment on column core.fct_reception.first_manual_response_seconds is '首次人工响应时间 — seconds from the first buyer message to the first agent message (a person, never an auto reply) after it; null when none came';
comment on column core.fct_reception.longest_manual_wait_seconds is '最长人工等待 — the longest any buyer message sent in service hours waited for an agent message (infinity when none came); null when no buyer message fell in service hours';

create table core.fct_question_rebuilt (
    store_id          varchar not null using compression dictionary,
    agent_id          varchar not null using compression dictionary,
    buyer_id          varchar not null using compression fsst,
    business_day      date not null using compression rle,
    consultation_key  ubigint not null,
    question_no       integer not null using compression bitpacking,
    asked_at          timestamp not null using compression bitpacking,
    buyer_messages    integer not null using compression bitpacking,
    replied_at        timestamp using compression bitpacking,
    response_seconds  double using compression alp
);

insert into core.fct_question_rebuilt
select store_id, agent_id, buyer_id, business_day, consultation_key, question_no, asked_at, buyer_messages, replied_at,
       response_seconds
from core.fct_question;

drop table core.fct_question;
alter table core.fct_question_rebuilt rename to fct_question;

comment on table core.fct_question is '问题 — one row per question of a reception: a run of buyer messages and the first reply after it';
comment on column core.fct_question.store_id is '店铺';
comment on column core.fct_question.agent_id is '客服账号';
comment on column core.fct_question.buyer_id is '买家';
comment on column core.fct_question.business_day is '营业日';
comment on column core.fct_question.consultation_key is '咨询键 — core.fct_reception.consultation_key';
comment on column core.fct_question.question_no is '问题序号 — 1 for the reception''s first question';
comment on column core.fct_question.asked_at is '提问时间 — the run''s first buyer message';
comment on column core.fct_question.buyer_messages is '买家消息数 — buyer messages in the run';
comment on column core.fct_question.replied_at is '回复时间 — the first reply after it in the same reception; null = unanswered';
comment on column core.fct_question.response_seconds is '响应时间 — replied_at − asked_at in seconds';

create table core.fct_agent_message_rebuilt (
    store_id          varchar not null using compression dictionary,
    agent_id          varchar not null using compression dictionary,
    buyer_id          varchar not null using compression fsst,
    business_day      date not null using compression rle,
    consultation_key  ubigint not null,
    sent_at           timestamp not null using compression bitpacking,
    load_seq          bigint not null using compression bitpacking,
    message_key       varchar not null using compression fsst,
    is_in_reception   boolean not null
);

insert into core.fct_agent_message_rebuilt
select store_id, agent_id, buyer_id, business_day, consultation_key, sent_at, load_seq, message_key, is_in_reception
from core.fct_agent_message;

drop table core.fct_agent_message;
alter table core.fct_agent_message_rebuilt rename to fct_agent_message;

comment on table core.fct_agent_message is '客服消息 — one row per agent message (not auto, not system): what credits orders (in a reception) and counts as assist';
comment on column core.fct_agent_message.store_id is '店铺';
comment on column core.fct_agent_message.agent_id is '客服账号';
comment on column core.fct_agent_message.buyer_id is '买家';
comment on column core.fct_agent_message.business_day is '营业日';
comment on column core.fct_agent_message.consultation_key is '咨询键 — the consultation it belongs to, if the buyer wrote that day';
comment on column core.fct_agent_message.sent_at is '发送时间';
comment on column core.fct_agent_message.load_seq is '导入顺序 — breaks ties of sent_at';
comment on column core.fct_agent_message.message_key is '消息键 — raw.chat_message.message_key';
comment on column core.fct_agent_message.is_in_reception is '接待内 — part of a received (not filtered) consultation: only these credit orders';
