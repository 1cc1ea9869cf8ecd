/// "1 change", "3 changes": a count with its noun, plural by an `s` unless `plural` is
/// given. (Diff reports group large numbers: `DiffWording.plural`.)
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
