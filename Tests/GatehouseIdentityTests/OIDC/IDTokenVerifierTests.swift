import Foundation
import GatehouseCore
import JWTKit
import Synchronization
import Testing

@testable import GatehouseIdentity

@Suite struct IDTokenVerifierTests {
    @Test func validRS256AndES256TokensVerify() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier()
        let verified = try await verifier.verify(try await provider.token(), nonce: "n-0S6")
        #expect(verified.issuer == TestProvider.issuer)
        #expect(verified.subject == "00u-alice")
        #expect(verified.groups == ["developers", "auditors"])
        #expect(verified.principal.key == "https://idp.test#00u-alice")
        #expect(verified.principal.authMethod == .ssoSession)
        let ec = try await verifier.verify(try await provider.token(kid: "ec-1"), nonce: "n-0S6")
        #expect(ec.subject == "00u-alice")
        #expect(provider.fetches.withLock { $0 } == 1)
    }

    static func message(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as GatehouseError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func everyClaimIsChecked() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier()
        func refusal(_ edit: @escaping (inout TestProvider.Claims) -> Void, nonce: String? = "n-0S6") async -> String? {
            await Self.message { _ = try await verifier.verify(try await provider.token(edit), nonce: nonce) }
        }
        #expect(
            await refusal { $0.iss = "https://evil.test" }
                == "the ID token was issued by https://evil.test, not https://idp.test")
        #expect(await refusal { $0.aud = ["someone-else"] } == "the ID token is not meant for this client")
        #expect(
            await refusal { $0.aud = ["gatehouse", "other"] }
                == "the ID token has several audiences and another authorized party")
        #expect(await refusal { $0.exp = TestProvider.now - 61 } == "the ID token has expired")
        #expect(await refusal { $0.exp = TestProvider.now - 30 } == nil)  // within the skew
        #expect(await refusal { $0.iat = TestProvider.now + 120 } == "the ID token was issued in the future")
        #expect(await refusal { $0.nonce = "replayed" } == "the ID token's nonce does not match this sign-in")
        #expect(await refusal({ $0.nonce = nil }) == "the ID token's nonce does not match this sign-in")
        #expect(await refusal { $0.sub = "" } == "the ID token's subject is empty or too long")
    }

    @Test func tamperedAndUnsignedTokensAreRefused() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier()
        let token = try await provider.token()
        var parts = token.split(separator: ".").map(String.init)
        // Change the subject in the payload and keep the signature.
        let payload = Data(base64Encoded: parts[1].padded)!
        let forged = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "00u-alice", with: "00u-admin")
        parts[1] = TestProvider.b64(Data(forged.utf8))
        #expect(
            await Self.message { _ = try await verifier.verify(parts.joined(separator: "."), nonce: "n-0S6") }
                == "the ID token's signature or claims are invalid")

        let none = TestProvider.b64(Data(#"{"alg":"none","kid":"rsa-1"}"#.utf8)) + "." + parts[1] + "."
        #expect(
            await Self.message { _ = try await verifier.verify(none, nonce: nil) }
                == "the ID token is signed with none; only asymmetric algorithms are accepted")
        let hs = TestProvider.b64(Data(#"{"alg":"HS256","kid":"hmac-1"}"#.utf8)) + "." + parts[1] + ".c2ln"
        #expect(
            await Self.message { _ = try await verifier.verify(hs, nonce: nil) }
                == "the ID token is signed with HS256; only asymmetric algorithms are accepted")
        #expect(
            await Self.message { _ = try await verifier.verify("not-a-jwt", nonce: nil) }
                == "the ID token is not a signed JWT")
    }

    @Test func unknownKidRefetchesOnceThenIsRateLimited() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier(refetch: .seconds(3600))
        _ = try await verifier.verify(try await provider.token(), nonce: "n-0S6")
        #expect(provider.fetches.withLock { $0 } == 1)
        // A key the provider has not published: one refetch, then refused without more fetches.
        let unknown = try await provider.token(kid: "rsa-unpublished")
        #expect(
            await Self.message { _ = try await verifier.verify(unknown, nonce: "n-0S6") }
                == "the ID token is signed with an unknown key (rsa-unpublished); the provider's keys were fetched moments ago"
        )
        #expect(provider.fetches.withLock { $0 } == 1)
    }

    @Test func rotatedKeyIsPickedUpByARefetch() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier(refetch: .zero)
        _ = try await verifier.verify(try await provider.token(), nonce: "n-0S6")
        provider.published.withLock { $0.append("rsa-unpublished") }
        let rotated = try await verifier.verify(try await provider.token(kid: "rsa-unpublished"), nonce: "n-0S6")
        #expect(rotated.subject == "00u-alice")
        #expect(provider.fetches.withLock { $0 } == 2)
    }

    @Test func garbageJWKSIsAClearErrorAndOldKeysStay() async throws {
        let provider = try await TestProvider()
        let verifier = provider.verifier(refetch: .zero)
        _ = try await verifier.verify(try await provider.token(), nonce: "n-0S6")
        provider.garbage.withLock { $0 = true }
        #expect(
            await Self.message { _ = try await verifier.verify(try await provider.token(kid: "ec-2"), nonce: "n-0S6") }
                == "the identity provider's JWKS is not a valid JSON Web Key Set")
        #expect(try await verifier.verify(try await provider.token(), nonce: "n-0S6").subject == "00u-alice")
    }
}

extension String {
    fileprivate var padded: String {
        var text = replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }
}
