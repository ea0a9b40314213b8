import { installTemporalRuntime } from '../../src/temporal/runtime';

installTemporalRuntime(process.env.TEMPORAL_SDK_LOG_LEVEL === 'INFO' ? 'INFO' : 'WARN');
