/**
 * Every released version of every built-in rule set, a file per version (`<id>/<version>.json`). A released
 * file never changes: a case pins its version and computes every date from it. A new version is a new file
 * listed here; a provincial version names the national version it extends (`national-2022@1.3.0`).
 * Within a version, bases come before the sets that extend them.
 */
import national2022v120 from './national-2022/1.2.0.json';
import zhejiang2016v120 from './zhejiang-2016/1.2.0.json';
import shandong2015v120 from './shandong-2015/1.2.0.json';
import beijing2006v120 from './beijing-2006/1.2.0.json';
import shanghai2012v120 from './shanghai-2012/1.2.0.json';
import henan2012v120 from './henan-2012/1.2.0.json';
import national2022v130 from './national-2022/1.3.0.json';
import zhejiang2016v130 from './zhejiang-2016/1.3.0.json';
import shandong2015v130 from './shandong-2015/1.3.0.json';
import beijing2006v130 from './beijing-2006/1.3.0.json';
import shanghai2012v130 from './shanghai-2012/1.3.0.json';
import henan2012v130 from './henan-2012/1.3.0.json';
import zhejiang2016v140 from './zhejiang-2016/1.4.0.json';
import shandong2015v140 from './shandong-2015/1.4.0.json';
import beijing2006v140 from './beijing-2006/1.4.0.json';
import shanghai2012v140 from './shanghai-2012/1.4.0.json';
import henan2012v140 from './henan-2012/1.4.0.json';
import national2005v100 from './national-2005/1.0.0.json';
import national2022v140 from './national-2022/1.4.0.json';
import zhejiang2016v150 from './zhejiang-2016/1.5.0.json';
import shandong2015v150 from './shandong-2015/1.5.0.json';
import beijing2006v150 from './beijing-2006/1.5.0.json';
import shanghai2012v150 from './shanghai-2012/1.5.0.json';
import henan2012v150 from './henan-2012/1.5.0.json';

export const BUILT_IN_RULE_SET_FILES: readonly unknown[] = [
  national2022v120,
  zhejiang2016v120,
  shandong2015v120,
  beijing2006v120,
  shanghai2012v120,
  henan2012v120,
  national2022v130,
  zhejiang2016v130,
  shandong2015v130,
  beijing2006v130,
  shanghai2012v130,
  henan2012v130,
  zhejiang2016v140,
  shandong2015v140,
  beijing2006v140,
  shanghai2012v140,
  henan2012v140,
  national2005v100,
  national2022v140,
  zhejiang2016v150,
  shandong2015v150,
  beijing2006v150,
  shanghai2012v150,
  henan2012v150,
];
