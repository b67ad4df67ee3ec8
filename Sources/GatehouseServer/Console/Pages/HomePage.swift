import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore

/// `/console`: who you are, your tokens and sessions (create, revoke) and your spend this
/// month. Everyone signed in may see their own.
struct HomePage {
    let sources: ConsoleSources

    init(_ sources: ConsoleSources) { self.sources = sources }

    struct Model {
        let name: String
        let subject: String
        let issuer: String
        let groups: String
        let csrf: String
        let tokens: [TokenRow]
        let created: Created?
        let requests: Int
        let tokensUsed: Int
        let cost: String
        let sessionEnds: String
    }

    /// A token just made: its secret is shown this once.
    struct Created {
        let name: String
        let secret: String
        let expires: String
    }

    func view(
        _ visit: ConsoleRoutes.Visit, created: (record: AccessTokenRecord, secret: String)? = nil
    ) async throws -> ConsoleRoutes.View {
        let principal = visit.caller.principal
        let now = WallClock.nowMicros()
        let records = try await sources.store.tokens(issuer: principal.issuer, subject: principal.subject)
        let rows = records.sorted { $0.createdMicros > $1.createdMicros }.map {
            TokenRow($0, nowMicros: now, currentID: visit.caller.token?.id)
        }
        let spend = try await sources.store.usageTotals(
            UsageQuery(since: UsageLedger.monthStart(of: Date()), principal: principal.key, by: .user)
        ).first
        let model = Model(
            name: principal.displayName ?? principal.subject, subject: principal.subject, issuer: principal.issuer,
            groups: principal.groups.joined(separator: ", "),
            csrf: visit.csrf, tokens: rows,
            created: created.map {
                Created(name: $0.record.name, secret: $0.secret, expires: ConsoleFormat.time($0.record.expiresMicros))
            }, requests: spend?.requests ?? 0, tokensUsed: (spend?.promptTokens ?? 0) + (spend?.completionTokens ?? 0),
            cost: ConsoleFormat.money(spend?.costMicros ?? 0),
            sessionEnds: ConsoleFormat.time(visit.caller.token?.expiresMicros))
        return ConsoleRoutes.View(template: "home", model: model)
    }
}
