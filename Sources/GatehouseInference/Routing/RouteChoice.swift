/// The router's answer: where the request goes and why, or why it goes nowhere.
public enum RouteChoice: Sendable, Hashable {
    /// Serve at `candidate`; `reason` says why it was chosen (`local`, `offload: local busy`…).
    case serve(Candidate, reason: String, rule: String)
    /// No candidate may serve it; one line per candidate says why.
    case refuse([Skip])

    /// Why one candidate was passed over.
    public struct Skip: Sendable, Hashable, CustomStringConvertible {
        /// The candidate.
        public var candidate: Candidate
        /// Why it was passed over.
        public var reason: String
        /// The rule behind it, when a rule decided (a policy deny).
        public var rule: String?

        /// A skip of `candidate` for `reason`.
        public init(candidate: Candidate, reason: String, rule: String? = nil) {
            self.candidate = candidate
            self.reason = reason
            self.rule = rule
        }

        /// `route: reason`.
        public var description: String { "\(candidate.route): \(reason)" }
    }
}
