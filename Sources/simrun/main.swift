import Foundation
import SimScenarios

let status = CommandLine.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
