// ECharts as the console uses it: the parts it draws with, registered once, and the options every
// chart starts from.
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, CanvasRenderer])

export { echarts }

/** Spread first into every chart's options. */
export const chartBase = {
  // The figures at once, not growing bars: what is printed or captured is the final value.
  animation: false,
}
