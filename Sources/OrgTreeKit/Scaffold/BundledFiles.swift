/// Files of orgtree's repository that the binary carries for `orgtree init`, bundled at
/// build time by the GeneratedSources plugin (`schemaTexts`, `accessReviewWorkflowText`): the
/// JSON Schemas of `schemas/` and the workflow `examples/ci/access-review.yml`.
public enum BundledFiles {
    /// Each schema's file name (`person.schema.json`) and text.
    public static var schemas: [(name: String, text: String)] { schemaTexts }

    /// The GitHub workflow that validates a tree and comments its diff on pull requests.
    public static var accessReviewWorkflow: String { accessReviewWorkflowText }
}
