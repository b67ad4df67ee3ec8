/// One linear pass over the raw text, before Yams composes it, refusing what Yams cannot
/// compose safely:
///
/// - deep nesting: Yams composes recursively, so thousands of levels would exhaust the stack.
///   The depth estimated here errs high (block nesting is bounded from the indentation
///   columns in use); the exact limit is enforced on the composed tree by
///   ``YAMLStructureCheck``, and only documents far beyond it are refused here.
/// - complex mapping keys (`? key`, an alias or a collection used as a key): Yams hashes keys
///   to find repeats, and a key built from aliases can take exponential time to hash.
package struct YAMLPrescan {
    /// A refusal: the 1-based line and the message.
    package struct Refusal: Equatable {
        /// The 1-based line.
        package var line: Int
        /// Why the document is refused.
        package var message: String
    }

    /// The estimated depth above which a document is refused before composing.
    static let depthLimit = 200

    /// Why `text` must not be composed, or nil.
    package static func refusal(for text: String) -> Refusal? {
        var scan = YAMLPrescan()
        var line: [Unicode.Scalar] = []
        var number = 1
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            if scalar == "\n", afterCarriageReturn { continue }
            guard YAMLDuplicateKeys.isBreak(scalar) else {
                line.append(scalar)
                continue
            }
            if let message = scan.scan(line) { return Refusal(line: number, message: message) }
            line.removeAll(keepingCapacity: true)
            number += 1
        }
        return scan.scan(line).map { Refusal(line: number, message: $0) }
    }

    /// Open flow collections (`[`, `{`).
    var flowDepth = 0
    /// Columns where block content started, innermost last; each bounds at most two levels.
    var indents: [Int] = []
    /// The quote of a quoted scalar still open at the end of the previous line.
    var quote: Unicode.Scalar?
    /// Whether a plain scalar in a flow collection continues from the previous line.
    var inPlain = false
    /// The indentation of the line that opened a block scalar (`|`, `>`) whose lines follow.
    var blockScalarParent: Int?

    /// The estimated depth of the current position.
    var estimatedDepth: Int { 2 * indents.count + flowDepth + 1 }
}
