import Dispatch

/// A computation started on another thread; `value` waits for it. For pure work that can
/// overlap with the database writes of the calling thread.
public final class BackgroundResult<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchGroup()

    public init(_ work: @escaping @Sendable () -> T) {
        done.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.done.leave()
        }
    }

    /// The result, once the work is done (written before `leave`, read after `wait`).
    public var value: T {
        done.wait()
        return result!
    }
}
