#include "core/huge_page_allocator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/flat_u64_map.h"

namespace sluice {
namespace {

TEST(HugePageAllocatorTest, LargeBlocksAreAlignedToHugePagesAndUsable) {
  std::vector<uint64_t, HugePageAllocator<uint64_t>> big(3 << 20 >> 3, 7);  // 3 MiB
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % HugePageAllocator<uint64_t>::kHugePage, 0u);
  big.back() = 9;
  EXPECT_EQ(big.front(), 7u);
  EXPECT_EQ(big.back(), 9u);
  std::vector<uint64_t, HugePageAllocator<uint64_t>> small(10, 1);  // from operator new
  small.resize(1 << 20, 2);  // grows across the threshold: moved into a huge-page block
  EXPECT_EQ(small[9], 1u);
  EXPECT_EQ(small[10], 2u);
}

TEST(HugePageAllocatorTest, MapGrowingPastTheThresholdKeepsEveryKey) {
  FlatU64Map map;  // its slots use the allocator; 400k keys take it past 2 MiB
  bool inserted;
  for (uint64_t k = 1; k <= 400000; ++k) map.FindOrInsert(k * 0x9E3779B97F4A7C15ull, static_cast<uint32_t>(k), &inserted);
  for (uint64_t k = 1; k <= 400000; ++k) {
    ASSERT_EQ(map.FindOrInsert(k * 0x9E3779B97F4A7C15ull, 0, &inserted), k);
    ASSERT_FALSE(inserted);
  }
}

}  // namespace
}  // namespace sluice
