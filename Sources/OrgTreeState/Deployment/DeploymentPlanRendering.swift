import Foundation
import OrgTreeCore
import OrgTreeKit

/// `plan` in each format: the store part, then the effective changes as `diff` shows them.
public enum DeploymentPlanRendering {
    public static func render(_ plan: DeploymentPlan, as format: DiffFormat, palette: Palette = .plain) -> String {
        let storePart = PlanRendering.render(plan.plan, stored: plan.stored, drift: plan.drift, store: plan.store, format: format)
        let diff = plan.effectiveChanges
        switch format {
        case .json:
            return json(store: storePart, diff: DiffRendering.json(diff, plan.header))
        case .markdown:
            return storePart + "\n" + DiffRendering.markdown(diff, plan.header).replacingOccurrences(of: DiffRendering.marker + "\n", with: "")
        case .text:
            return storePart + (diff.changes.isEmpty ? "" : "\nEffective changes:\n" + DiffRendering.text(diff, plan.header, palette: palette))
        }
    }

    /// The store part and the diff report in one JSON document.
    static func json(store: String, diff: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(store.utf8))) as? [String: Any],
              let diffObject = try? JSONSerialization.jsonObject(with: Data(diff.utf8)) else { return store }
        object["effective_changes"] = diffObject
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
