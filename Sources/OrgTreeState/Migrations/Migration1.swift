/// Migration 1, frozen as shipped: the tables of the tree, the derived effective tables,
/// digests, revisions, the audit log and locks. Never change it; a change of schema is a
/// new migration (`StateSchema.migrations`).
enum Migration1 {
    static func statements(_ dialect: SQLDialect) -> [String] {
        // SQLite keeps such rows once, in the key's B-tree, instead of table plus index.
        let rowid = dialect == .sqlite ? " WITHOUT ROWID" : ""
        let integer = dialect == .sqlite ? "INTEGER" : "BIGINT"
        return [
            "CREATE TABLE organization (id TEXT, name TEXT, created_by TEXT, plan_name TEXT, plan_projects TEXT, plan_extra_projects TEXT, agreement TEXT, payment_method TEXT, invoice_email TEXT, default_project_role TEXT, PRIMARY KEY (id))\(rowid)",
            "CREATE TABLE people (id TEXT, first_name TEXT, last_name TEXT, email TEXT, tfa_method TEXT, mobile TEXT, facebook_id TEXT, slack_id TEXT, job_title TEXT, invitation TEXT NOT NULL DEFAULT 'invited', invited_at TEXT, PRIMARY KEY (id))\(rowid)",
            "CREATE TABLE org_roles (person TEXT, role TEXT, PRIMARY KEY (person))\(rowid)",
            "CREATE TABLE org_grants (person TEXT, permission TEXT, PRIMARY KEY (person, permission))\(rowid)",
            "CREATE TABLE teams (id TEXT, name TEXT, PRIMARY KEY (id))\(rowid)",
            "CREATE TABLE team_members (team TEXT, person TEXT, PRIMARY KEY (team, person))\(rowid)",
            "CREATE TABLE team_includes (team TEXT, included TEXT, PRIMARY KEY (team, included))\(rowid)",
            "CREATE TABLE projects (id TEXT, name TEXT, default_role TEXT, handover_slack TEXT, PRIMARY KEY (id))\(rowid)",
            "CREATE TABLE project_environments (project TEXT, environment TEXT, PRIMARY KEY (project, environment))\(rowid)",
            "CREATE TABLE project_people (project TEXT, person TEXT, setting TEXT, PRIMARY KEY (project, person))\(rowid)",
            "CREATE TABLE project_templates (project TEXT, person TEXT, role TEXT, templates TEXT, PRIMARY KEY (project, person))\(rowid)",
            "CREATE TABLE project_teams (project TEXT, team TEXT, role TEXT, PRIMARY KEY (project, team))\(rowid)",
            "CREATE TABLE handover_agents (project TEXT, subject TEXT, PRIMARY KEY (project, subject))\(rowid)",
            "CREATE TABLE facebook_admins (project TEXT, subject TEXT, PRIMARY KEY (project, subject))\(rowid)",
            "CREATE TABLE agencies (id TEXT, name TEXT, status TEXT, owner TEXT, PRIMARY KEY (id))\(rowid)",
            "CREATE TABLE agency_people (agency TEXT, id TEXT, first_name TEXT, last_name TEXT, email TEXT, tfa_method TEXT, mobile TEXT, facebook_id TEXT, slack_id TEXT, job_title TEXT, PRIMARY KEY (agency, id))\(rowid)",
            "CREATE TABLE project_partners (project TEXT, agency TEXT, enabled TEXT, PRIMARY KEY (project, agency))\(rowid)",
            "CREATE TABLE activations (agency TEXT, project TEXT, person TEXT, PRIMARY KEY (agency, project, person))\(rowid)",
            "CREATE TABLE agency_roles (project TEXT, subject TEXT, role TEXT, PRIMARY KEY (project, subject))\(rowid)",
            "CREATE TABLE tokens (project TEXT, id TEXT, environment TEXT, owner TEXT, scopes TEXT, expires TEXT, secret_hash TEXT, created_at TEXT, revoked_at TEXT, PRIMARY KEY (project, id))\(rowid)",
            "CREATE TABLE effective_access (subject TEXT, project TEXT, role TEXT, PRIMARY KEY (subject, project))\(rowid)",
            "CREATE TABLE effective_permissions (subject TEXT, project TEXT, permission TEXT, role TEXT, PRIMARY KEY (subject, project, permission))\(rowid)",
            "CREATE TABLE default_permissions (project TEXT, permission TEXT, role TEXT, PRIMARY KEY (project, permission))\(rowid)",
            "CREATE INDEX effective_access_subject ON effective_access (subject)",
            // Per subject: the digest of its effective rows as last applied.
            "CREATE TABLE effective_digests (subject TEXT PRIMARY KEY, digest TEXT NOT NULL)\(rowid)",
            // Per row of the tree's tables: its digest as last applied (drift detection).
            "CREATE TABLE applied_rows (table_name TEXT NOT NULL, row_key TEXT NOT NULL, row_hash TEXT NOT NULL, PRIMARY KEY (table_name, row_key))\(rowid)",
            "CREATE TABLE revisions (number \(integer) PRIMARY KEY, tree_digest TEXT NOT NULL, git_commit TEXT, actor TEXT, applied_at TEXT NOT NULL, changes \(integer) NOT NULL)",
            "CREATE TABLE audit_log (seq \(integer) PRIMARY KEY, revision \(integer) NOT NULL, at TEXT NOT NULL, actor TEXT, git_commit TEXT, action TEXT NOT NULL, target TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
            "CREATE TABLE locks (name TEXT PRIMARY KEY, id TEXT NOT NULL, holder TEXT NOT NULL, operation TEXT NOT NULL, acquired_at TEXT NOT NULL)",
        ]
    }
}
