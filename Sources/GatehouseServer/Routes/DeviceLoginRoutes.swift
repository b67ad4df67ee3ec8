import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseStore
import Hummingbird
import NIOCore

/// CLI sign-in through Gatehouse (`gatehouse login`): Gatehouse runs the provider's device
/// grant (RFC 8628) and, once the person approves, verifies the ID token, decides
/// `identity.login` by policy and issues a Gatehouse access token.
///
/// The device code travels to the CLI only inside a sealed handle (AES-GCM under a key derived
/// from the audit signing key), so any replica can continue the flow and nothing is stored.
struct DeviceLoginRoutes: Sendable {
    let spine: Spine
    let store: any GatehouseStore
    let runtime: OIDCRuntime
    let identity: IdentityConfig
    let handles: SealedHandle

    struct Pending: Codable {
        let deviceCode: String
        let expiresMicros: Int64
    }

    func register(on router: Router<some RequestContext>) {
        router.post("/auth/device") { _, _ -> Response in
            let (metadata, _) = try await runtime.provider()
            let authorization = try await runtime.client.startDeviceAuthorization(metadata: metadata)
            let expires = WallClock.nowMicros() + Int64(max(1, min(authorization.expiresIn, 3_600))) * 1_000_000
            let handle = try handles.seal(Pending(deviceCode: authorization.deviceCode, expiresMicros: expires))
            return JSONBody.response(
                DeviceStart(
                    handle: handle, userCode: authorization.userCode, verificationURI: authorization.verificationURI,
                    verificationURIComplete: authorization.verificationURIComplete,
                    interval: max(1, authorization.interval ?? 5), expiresIn: authorization.expiresIn))
        }
        router.post("/auth/device/token") { request, _ -> Response in
            let body = try await TokenRoutes.body(request)
            guard let wire = try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView)),
                let text = wire["handle"]
            else { throw GatehouseError(.badRequest, "the body must be {\"handle\": \"…\"}") }
            let pending = try handles.open(text, as: Pending.self)
            guard WallClock.nowMicros() < pending.expiresMicros else {
                throw GatehouseError(.unauthenticated, "the sign-in code has expired; run gatehouse login again")
            }
            return try await poll(pending, traceparent: request.headers[.init("traceparent")!])
        }
    }

    private func poll(_ pending: Pending, traceparent: String?) async throws -> Response {
        let (metadata, _) = try await runtime.provider()
        switch try await runtime.client.pollDevice(deviceCode: pending.deviceCode, metadata: metadata) {
        case .pending: return JSONBody.response(status: .accepted, ["status": "authorization_pending"])
        case .slowDown: return JSONBody.response(status: .accepted, ["status": "slow_down"])
        case .denied: throw GatehouseError(.unauthenticated, "the sign-in was denied at the identity provider")
        case .expired: throw GatehouseError(.unauthenticated, "the sign-in code has expired; run gatehouse login again")
        case .tokens(let tokens):
            let verified = try await runtime.person(from: tokens, nonce: nil)
            return try await signIn(verified, traceparent: traceparent)
        }
    }

    /// Decides `identity.login` for the verified person and issues their CLI token.
    private func signIn(_ verified: VerifiedIDToken, traceparent: String?) async throws -> Response {
        let principal = verified.principal
        let caller = Caller(principal: principal, token: nil, scopes: .unrestricted)
        let request = Spine.Request(
            authorization: nil, traceparent: traceparent, action: Action(.login, resource: "cli"))
        return try await spine.authorize(caller, request) { caller, _ in
            try EmailDomains.check(verified.email, allowed: identity.oidc?.allowedEmailDomains ?? [])
            let create = TokenCreateRequest(
                name: "gatehouse login", ttlMicros: identity.sessionTTLMicros, scopes: .unrestricted)
            let (secret, record) = try TokenIssuer.issue(create, for: caller, nowMicros: WallClock.nowMicros())
            try await store.insertToken(record)
            return JSONBody.response(
                DeviceSignedIn(
                    token: TokenBody(record, secret: secret), issuer: principal.issuer, subject: principal.subject,
                    groups: principal.groups))
        }
    }
}

/// `allowed_email_domains`: when set, only verified addresses in those domains sign in.
enum EmailDomains {
    static func check(_ email: String?, allowed: [String]) throws {
        guard !allowed.isEmpty else { return }
        guard let email, let at = email.lastIndex(of: "@"),
            allowed.contains(String(email[email.index(after: at)...]).lowercased())
        else { throw GatehouseError(.forbidden, "this email domain may not sign in to Gatehouse") }
    }
}

struct DeviceStart: Encodable {
    let handle: String
    let userCode: String
    let verificationURI: String
    let verificationURIComplete: String?
    let interval: Int
    let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case handle, interval
        case userCode = "user_code"
        case verificationURI = "verification_uri"
        case verificationURIComplete = "verification_uri_complete"
        case expiresIn = "expires_in"
    }
}

struct DeviceSignedIn: Encodable {
    let token: TokenBody
    let issuer: String
    let subject: String
    let groups: [String]
}
