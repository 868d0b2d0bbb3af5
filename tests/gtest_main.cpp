// main() of every GoogleTest executable here: like gtest_main, but a run whose every selected case
// skipped itself (missing ../shared data, no display) exits with kSkipExitCode, so ctest reports it
// as skipped; a failure stays a failure whatever else the output says.
#include <gtest/gtest.h>

namespace {
constexpr int kSkipExitCode = 77;
}

int main(int argc, char **argv)
{
    testing::InitGoogleTest(&argc, argv);
    const int result = RUN_ALL_TESTS();
    const auto *unit = testing::UnitTest::GetInstance();
    if (result == 0 && unit->test_to_run_count() > 0 && unit->skipped_test_count() == unit->test_to_run_count())
        return kSkipExitCode;
    return result;
}
