/// The subjects whose effective rows may differ after some row changes, so that an apply
/// recomputes only those (every other subject's rows are what the store already holds).
///
/// A subject's effective access is a function of rows that name it, or name a team it is
/// in, a project it has access of its own on, or its agency. So each changed row (before
/// or after) marks:
/// - `organization` (the org's default role): everyone — the answer is nil;
/// - a row naming a person or subject (`people`, `org_roles`, `org_grants`,
///   `team_members`, `project_people`, `project_templates`, `handover_agents`,
///   `facebook_admins`, `agency_roles`, `agency_people`, `activations`): that subject;
/// - `teams` and `team_includes` (team, included): the members of the team (of the
///   included team), through nested includes, in the new tree. A member of the old tree
///   who is no longer a member lost a `team_members` row or an include on the way, and
///   is marked by that change;
/// - `project_teams`: the members of that team;
/// - `projects`, `project_environments`: every subject with access of its own on the
///   project in the new tree (its default role moves theirs: the maximum of team roles and
///   the default);
/// - `agencies`, `project_partners`: every person of that agency.
/// Tokens are always recomputed (their scopes depend on the day and on their owner's
/// role on their project); `default_permissions` is not per subject.
public enum AffectedSubjects {
    /// Subject keys (as `Subject.description`) to recompute; nil means every subject.
    public static func keys(changes: [RowChange], engine: AccessEngine) -> Set<String>? {
        let tree = engine.tree
        var keys = Set<String>()
        func members(of team: String) {
            if let members = engine.membersOf[team] { keys.formUnion(members.keys) }
        }
        func agencyPeople(of agency: String) {
            for person in (tree.agencyPeople[agency] ?? [:]).keys { keys.insert("\(agency)/\(person)") }
        }
        func ownAccess(on projectID: String) {
            guard let project = tree.projects[projectID] else { return }
            keys.formUnion(project.namedSubjects)
            for (team, _) in project.teams { members(of: team.value) }
            for (agency, partner) in tree.partners {
                for (project, people) in partner.activations where project.value == projectID {
                    for person in people { keys.insert("\(agency)/\(person.value)") }
                }
            }
        }
        for change in changes {
            let rows = [change.beforeRow, change.afterRow].compactMap { $0 }
            // A table this analysis does not know: recompute everyone.
            if rows.isEmpty { return nil }
            for row in rows {
                switch row {
                case is OrganizationRow:
                    return nil
                case let r as PersonRow: keys.insert(r.id)
                case let r as OrgRoleRow: keys.insert(r.person)
                case let r as OrgGrantRow: keys.insert(r.person)
                case let r as TeamRow: members(of: r.id)
                case let r as TeamMemberRow: keys.insert(r.person)
                case let r as ProjectPersonRow: keys.insert(r.person)
                case let r as ProjectTemplateRow: keys.insert(r.person)
                case let r as HandoverAgentRow: keys.insert(r.subject)
                case let r as FacebookAdminRow: keys.insert(r.subject)
                case let r as AgencyRoleRow: keys.insert(r.subject)
                case let r as TeamIncludeRow: members(of: r.included)
                case let r as ProjectTeamRow: members(of: r.team)
                case let r as ProjectRow: ownAccess(on: r.id)
                case let r as ProjectEnvironmentRow: ownAccess(on: r.project)
                case let r as DeclaredTemplateRow: ownAccess(on: r.project)
                case let r as AgencyRow: agencyPeople(of: r.id)
                case let r as ProjectPartnerRow: agencyPeople(of: r.agency)
                case let r as AgencyPersonRow: keys.insert(r.subject.description)
                case let r as ActivationRow: keys.insert(r.subject.description)
                case is TokenRow, is DefaultPermissionRow:
                    break
                default:
                    // A table this analysis does not know: recompute everyone.
                    return nil
                }
            }
        }
        return keys
    }
}
