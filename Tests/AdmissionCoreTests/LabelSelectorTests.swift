import Testing

@testable import AdmissionCore

@Suite struct LabelSelectorTests {
    static let labels = #"{"app":"web","tier":"frontend","empty":""}"#

    func matches(_ selector: String?, _ labels: String? = labels) throws -> Bool {
        LabelSelector.matches(try selector.map(parse), labels: try labels.map(parse))
    }

    @Test func missingOrNullSelectsNothingAndEmptySelectsEverything() throws {
        #expect(try !matches(nil))
        #expect(try !matches("null"))
        #expect(try matches("{}"))
        #expect(try matches("{}", nil))
    }

    @Test func matchLabelsNeedsEveryPairWithTheSameValue() throws {
        #expect(try matches(#"{"matchLabels":{"app":"web"}}"#))
        #expect(try matches(#"{"matchLabels":{"app":"web","tier":"frontend"}}"#))
        #expect(try !matches(#"{"matchLabels":{"app":"web","tier":"backend"}}"#))
        #expect(try !matches(#"{"matchLabels":{"team":"shop"}}"#))
        #expect(try !matches(#"{"matchLabels":{"app":"web"}}"#, nil))
        #expect(try !matches(#"{"matchLabels":{"app":"web"}}"#, "{}"))
    }

    @Test func inAndNotIn() throws {
        #expect(try matches(#"{"matchExpressions":[{"key":"app","operator":"In","values":["api","web"]}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"app","operator":"In","values":["api"]}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"team","operator":"In","values":["shop"]}]}"#))
        #expect(try matches(#"{"matchExpressions":[{"key":"app","operator":"NotIn","values":["api"]}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}"#))
        // NotIn selects objects that lack the label altogether.
        #expect(try matches(#"{"matchExpressions":[{"key":"team","operator":"NotIn","values":["shop"]}]}"#))
    }

    @Test func existsAndDoesNotExist() throws {
        #expect(try matches(#"{"matchExpressions":[{"key":"empty","operator":"Exists"}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"team","operator":"Exists"}]}"#))
        #expect(try matches(#"{"matchExpressions":[{"key":"team","operator":"DoesNotExist"}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]}"#))
    }

    @Test func labelsAndExpressionsMustAllHold() throws {
        func both(_ tier: String) -> String {
            #"{"matchLabels":{"app":"web"},"# + #""matchExpressions":[{"key":"tier","operator":"In","values":[""# + tier
                + #""]}]}"#
        }
        #expect(try matches(both("frontend")))
        #expect(try !matches(both("backend")))
    }

    @Test func malformedSelectorsSelectNothing() throws {
        #expect(try !matches(#"{"matchLabels":["app"]}"#))
        #expect(try !matches(#"{"matchLabels":{"app":1}}"#))
        #expect(try !matches(#"{"matchExpressions":{"key":"app"}}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"app","operator":"Gt","values":["1"]}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"operator":"Exists"}]}"#))
        #expect(try !matches(#"{"matchExpressions":[{"key":"app","operator":"In"}]}"#))
        #expect(try !matches(#""app=web""#))
    }
}
