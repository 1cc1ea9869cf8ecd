import Dispatch

/// Maps an array on all cores, keeping the input order. Computation only, no I/O.
public enum ConcurrentMap {
    /// `transform` runs on several threads at once, so it and what it captures are
    /// `Sendable`, as are the inputs and outputs.
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], workers: Int = 0, _ transform: @escaping @Sendable (Input) -> Output
    ) -> [Output] {
        let cores = System.activeProcessorCount
        let available = workers > 0 ? workers : cores
        let workers = max(1, min(available, inputs.count))
        if workers == 1 { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        if available >= cores {
            // On every core, an input at a time to whichever thread is free (Dispatch hands
            // them out), so that a few costly inputs (rules) do not leave a core idle.
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                slots.set(i, transform(inputs[i]))
            }
        } else {
            // On fewer threads than cores: worker `w` of `n` maps inputs `w, w + n, …`.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < inputs.count {
                    slots.set(i, transform(inputs[i]))
                    i += workers
                }
            }
        }
        return slots.values()
    }
}

/// The results of a concurrent map, one slot per input. The one unchecked spot of the
/// concurrency here: slots are written without a lock because each input's slot is
/// written once, by the one thread that maps that input (an iteration of
/// `concurrentPerform` runs once; worker `w` of `n` writes exactly the slots
/// `w, w + n, w + 2n, …`), and `values()` is read only after `concurrentPerform` has
/// returned (which orders every write before it). `ConcurrencyTests` exercises it under
/// the thread sanitizer (`scripts/tsan.sh`).
private final class Slots<T: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ index: Int, _ value: T) { buffer[index] = value }

    /// The results, moved out of their slots (no second copy of every result at once).
    func values() -> [T] {
        var values: [T] = []
        values.reserveCapacity(buffer.count)
        for index in buffer.indices {
            values.append(buffer[index].take()!)
        }
        return values
    }
}

enum System {
    /// Cores available to this process, read from the C library (no Foundation in the core).
    static var activeProcessorCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
