import Foundation
import Testing

@testable import AdmissionCore

@Suite struct JSONValueTests {
    static let sample = #"{"s":"text","n":42,"d":1.5,"t":true,"f":false,"z":null,"a":[10,"x",{"k":"v"}],"o":{"k":"v"}}"#

    @Test func kindsAndTypedAccessors() throws {
        let value = try parse(Self.sample)
        #expect(value.kind == .object)
        #expect(value["s"]?.kind == .string)
        #expect(value["s"]?.string == "text")
        #expect(value["n"]?.int == 42)
        #expect(value["n"]?.double == 42)
        #expect(value["d"]?.double == 1.5)
        #expect(value["d"]?.int == nil)
        #expect(value["t"]?.bool == true)
        #expect(value["f"]?.bool == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["z"]?.kind == .null)
        #expect(value["a"]?.isArray == true)
        #expect(value["a"]?.count == 3)
        #expect(value["a"]?[1]?.string == "x")
        #expect(value["a"]?[2]?["k"]?.string == "v")
        #expect(value["o"]?.isObject == true)
        #expect(value["missing"] == nil)
    }

    @Test func accessorsOnTheWrongShapeAnswerNil() throws {
        let value = try parse(Self.sample)
        let string = try #require(value["s"])
        let number = try #require(value["n"])
        let array = try #require(value["a"])
        let object = try #require(value["o"])
        let null = try #require(value["z"])
        #expect(string["x"] == nil)
        #expect(string[0] == nil)
        #expect(string.int == nil)
        #expect(string.bool == nil)
        #expect(string.numberText == nil)
        #expect(string.elements == nil)
        #expect(string.members == nil)
        #expect(string.count == 0)
        #expect(array["x"] == nil)
        #expect(array[3] == nil)
        #expect(array[-1] == nil)
        #expect(object[0] == nil)
        #expect(object.string == nil)
        #expect(object.elements == nil)
        #expect(number.string == nil)
        #expect(number.bool == nil)
        #expect(number["k"] == nil)
        #expect(null.string == nil)
        #expect(null.int == nil)
        #expect(null.count == 0)
        #expect(null["k"] == nil)
        #expect(value["t"]?.int == nil)
        #expect(value["t"]?.isString("true") == false)
    }

    @Test func unicodeEscapesDecode() throws {
        let value = try parse(
            #"{"e":"caf\u00e9","s":"\ud83d\ude00","lone":"\ud800","low":"x\udc00y","pair-then-a":"\ud83d\ude00a","high-then-a":"\ud83d\u0041"}"#
        )
        #expect(value["e"]?.string == "café")
        #expect(value["s"]?.string == "😀")
        #expect(value["s"]?.string?.unicodeScalars.map(\.value) == [0x1F600])
        #expect(value["lone"]?.string == "\u{FFFD}")
        #expect(value["low"]?.string == "x\u{FFFD}y")
        #expect(value["pair-then-a"]?.string == "😀a")
        #expect(value["high-then-a"]?.string == "\u{FFFD}A")
    }

    @Test func simpleEscapesDecode() throws {
        let value = try parse(#"["a\/b","\"q\"","back\\slash","\b\f\n\r\t","\u0000"]"#)
        #expect(value[0]?.string == "a/b")
        #expect(value[1]?.string == "\"q\"")
        #expect(value[2]?.string == "back\\slash")
        #expect(value[3]?.string == "\u{8}\u{C}\n\r\t")
        #expect(value[4]?.string == "\u{0}")
    }

    @Test func keysWrittenWithEscapesAreFoundByTheirDecodedText() throws {
        let value = try parse(#"{"caf\u00e9":1,"a\/b":2,"q\"k":3,"\u0061pp":4}"#)
        #expect(value["café"]?.int == 1)
        #expect(value["a/b"]?.int == 2)
        #expect(value["q\"k"]?.int == 3)
        #expect(value["app"]?.int == 4)
        #expect(value[#"caf\u00e9"#] == nil)
        #expect(value.members?.map(\.key) == ["café", "a/b", "q\"k", "app"])
    }

    @Test func isStringComparesDecodedText() throws {
        let value = try parse(#"["Pod","P\u006fd",""]"#)
        #expect(value[0]?.isString("Pod") == true)
        #expect(value[0]?.isString("Po") == false)
        #expect(value[0]?.isString("Pods") == false)
        #expect(value[1]?.isString("Pod") == true)
        #expect(value[2]?.isString("") == true)
    }

    @Test func duplicateKeysLastWins() throws {
        let value = try parse(#"{"a":1,"b":2,"a":{"c":3}}"#)
        #expect(value["a"]?["c"]?.int == 3)
        #expect(value.members?.map(\.key) == ["a", "b", "a"])
        #expect(value.members?.count == 3)
    }

    @Test func rawBytesAreTheOriginalText() throws {
        let text = #"  {"b": [1, 2.50],  "a": "caf\u00e9", "n": -0.0e1, "t": true, "z": null, "o": { } }  "#
        let value = try parse(text)
        #expect(String(decoding: value.rawBytes, as: UTF8.self) == text.trimmingCharacters(in: .whitespaces))
        #expect(String(decoding: value["b"]?.rawBytes ?? [], as: UTF8.self) == "[1, 2.50]")
        #expect(String(decoding: value["a"]?.rawBytes ?? [], as: UTF8.self) == #""caf\u00e9""#)
        #expect(String(decoding: value["n"]?.rawBytes ?? [], as: UTF8.self) == "-0.0e1")
        #expect(String(decoding: value["t"]?.rawBytes ?? [], as: UTF8.self) == "true")
        #expect(String(decoding: value["z"]?.rawBytes ?? [], as: UTF8.self) == "null")
        #expect(String(decoding: value["o"]?.rawBytes ?? [], as: UTF8.self) == "{ }")
    }

    @Test func elementsAndMembersIterateInOrder() throws {
        let value = try parse(#"{"list":[3,1,2],"obj":{"z":1,"y":2,"x":3}}"#)
        #expect(value["list"]?.elements?.compactMap(\.int) == [3, 1, 2])
        #expect(value["list"]?.elements?.count == 3)
        #expect(value["obj"]?.members?.map(\.key) == ["z", "y", "x"])
        #expect(value["obj"]?.members?.compactMap(\.value.int) == [1, 2, 3])
    }

    @Test func valueAtPointer() throws {
        let value = try parse(#"{"spec":{"containers":[{"name":"a"},{"name":"b"}]},"a/b":{"~":1}}"#)
        #expect(value.value(at: pointer("/spec/containers/1/name"))?.string == "b")
        #expect(value.value(at: pointer("/a~1b/~0"))?.int == 1)
        #expect(value.value(at: .root)?.isObject == true)
        #expect(value.value(at: pointer("/spec/containers/01")) == nil)
        #expect(value.value(at: pointer("/spec/containers/2")) == nil)
        #expect(value.value(at: pointer("/spec/containers/-")) == nil)
        #expect(value.value(at: pointer("/spec/containers/0/name/x")) == nil)
    }

    @Test func ownedJSONAccessorsOnTheWrongShapeAnswerNil() throws {
        let json = JSON(try parse(Self.sample))
        #expect(json["s"]?.stringValue == "text")
        #expect(json["n"]?.intValue == 42)
        #expect(json["t"]?.boolValue == true)
        #expect(json["z"]?.isNull == true)
        #expect(json["a"]?[0]?.intValue == 10)
        #expect(json["s"]?["x"] == nil)
        #expect(json["a"]?["x"] == nil)
        #expect(json["o"]?[0] == nil)
        #expect(json["a"]?[3] == nil)
        #expect(json["a"]?[-1] == nil)
        #expect(json["n"]?.stringValue == nil)
        #expect(json["s"]?.intValue == nil)
        #expect(json["s"]?.arrayValue == nil)
        #expect(json["a"]?.objectValue == nil)
    }

    @Test func ownedJSONEqualityIgnoresMemberOrderButNotValues() throws {
        #expect(try JSON(parsing: #"{"a":1,"b":[1,2]}"#) == JSON(parsing: #"{"b":[1,2],"a":1}"#))
        #expect(try JSON(parsing: "[1,2]") != JSON(parsing: "[2,1]"))
        #expect(try JSON(parsing: "1.0") == JSON(parsing: "1"))
        #expect(try JSON(parsing: "1e2") == JSON(parsing: "100"))
        #expect(try JSON(parsing: #""1""#) != JSON(parsing: "1"))
        #expect(try JSON(parsing: #"{"a":null}"#) != JSON(parsing: "{}"))
    }

    /// JSON keeps integers beyond 2^53 exactly, so equality must not round them through `Double`.
    @Test func ownedJSONEqualityTellsBigIntegersApart() throws {
        #expect(try JSON(parsing: "12345678901234567890") != JSON(parsing: "12345678901234567891"))
        #expect(try JSON(parsing: "-9007199254740993") != JSON(parsing: "-9007199254740992"))
        #expect(try JSON(parsing: "9007199254740993") != JSON(parsing: "9007199254740992"))
    }

    @Test func numberConstructors() {
        #expect(JSONNumber(3).text == "3")
        #expect(JSONNumber(3.0)?.text == "3")
        #expect(JSONNumber(-2.5)?.text == "-2.5")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(text: "1.10")?.text == "1.10")
        #expect(JSONNumber(text: "01") == nil)
        #expect(JSONNumber(text: "1.") == nil)
        #expect(JSONNumber(text: "") == nil)
        #expect(JSONNumber(text: "NaN") == nil)
    }
}
