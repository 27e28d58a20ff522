import Foundation

/// One input: its display name (`-` for standard input) and its bytes.
public struct InputFile: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// Turns command-line paths into inputs: files as given, directories walked recursively for `.yaml`, `.yml` and
/// `.json` (in sorted order, so output is stable), `-` as standard input.
public enum InputFiles {
    static let manifestExtensions: Set<String> = ["yaml", "yml", "json"]

    public static func read(_ paths: [String], standardInput: () -> [UInt8] = readStandardInput) throws(HarnessError) -> [InputFile] {
        var inputs: [InputFile] = []
        for path in paths {
            if path == "-" {
                inputs.append(InputFile(name: "-", bytes: standardInput()))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw HarnessError(file: path, "no such file or directory")
            }
            for file in isDirectory.boolValue ? try manifests(under: path) : [path] {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw HarnessError(file: file, "cannot read the file")
                }
                inputs.append(InputFile(name: file, bytes: [UInt8](data)))
            }
        }
        return inputs
    }

    private static func manifests(under directory: String) throws(HarnessError) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw HarnessError(file: directory, "cannot list the directory")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if manifestExtensions.contains((relative as NSString).pathExtension.lowercased()),
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    public static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}
