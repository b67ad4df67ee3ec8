import GatehouseCore

/// Prices per million tokens, matched against a request's route (`local/NAME` or
/// `UPSTREAM/MODEL`) by glob, first match; a route no price matches costs nothing.
public struct PriceTable: Sendable, Hashable {
    /// One price: for routes matching `route`, `input` and `output` per million tokens.
    public struct Price: Sendable, Hashable {
        /// A glob over routes.
        public var route: String
        /// Per million prompt tokens.
        public var input: Double
        /// Per million completion tokens.
        public var output: Double

        /// A price.
        public init(route: String, input: Double, output: Double) {
            self.route = route
            self.input = input
            self.output = output
        }
    }

    /// The prices, in order.
    public var prices: [Price]

    /// A table of prices, first match wins.
    public init(_ prices: [Price]) {
        self.prices = prices
    }

    /// The price of `route`, nil when free.
    public func price(of route: String) -> Price? {
        prices.first { Glob($0.route).matches(route) }
    }

    /// Whether requests on `route` cost anything.
    public func isPriced(_ route: String) -> Bool {
        guard let price = price(of: route) else { return false }
        return price.input > 0 || price.output > 0
    }

    /// The cost in millionths of the currency unit: a price per million tokens is exactly the
    /// cost in micro-units per token.
    public func costMicros(route: String, promptTokens: Int, completionTokens: Int) -> Int64 {
        guard let price = price(of: route) else { return 0 }
        let cost = Double(promptTokens) * price.input + Double(completionTokens) * price.output
        return cost.isFinite && cost < 9e18 ? Int64(cost.rounded()) : Int64.max
    }
}
