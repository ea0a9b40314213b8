// Prints, after jest's own summary (also on stderr), one plain closing line ("jest: N passed, N failed[, N skipped]") that any CI can read.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteFailures = results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? 1 : 0;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests + suiteFailures} failed`;
    process.stderr.write(`${line}${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
