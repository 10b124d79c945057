-- The site's users and their roles (interfaces.md): admin, hr, analyst, supervisor (sees own team: the row names
-- the store and team), agent (sees self: the row names the agent_id). Passwords are ASP.NET Core PasswordHasher
-- hashes, never the password. Numbered 0040–0049: the web site's block of migrations.

create table app.user_account (
    user_name      varchar primary key,
    display_name   varchar not null,
    role           varchar not null check (role in ('admin', 'hr', 'analyst', 'supervisor', 'agent')),
    store_id       varchar,
    team           varchar,
    agent_id       varchar,
    password_hash  varchar not null,
    is_active      boolean not null default true,
    changed_by     varchar not null default 'system',
    changed_at     timestamp not null default current_localtimestamp(),
    check (role <> 'supervisor' or team is not null),
    check (role <> 'agent' or agent_id is not null)
);
comment on table app.user_account is '用户 — one row per person who signs in to the site, with the role that decides what they see';
comment on column app.user_account.user_name is '用户名 — what the person types to sign in';
comment on column app.user_account.display_name is '姓名 — shown in the site''s header';
comment on column app.user_account.role is '角色 — admin, hr, analyst, supervisor (own team only) or agent (self only)';
comment on column app.user_account.store_id is '店铺 — a supervisor''s store; empty means every store';
comment on column app.user_account.team is '小组 — the team a supervisor sees';
comment on column app.user_account.agent_id is '客服账号 — the agent an agent user sees';
comment on column app.user_account.password_hash is '密码哈希 — ASP.NET Core PasswordHasher output, never the password';
comment on column app.user_account.is_active is '启用 — false: the user can no longer sign in';
comment on column app.user_account.changed_by is '修改人 — who created or last changed the user';
comment on column app.user_account.changed_at is '修改时间 — when the user was created or last changed';
