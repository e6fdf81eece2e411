/**
 * The demo's cities as GB/T 2260 divisions: the code a city branch's territory is bound to, some of
 * its districts, and its centre as a GCJ-02 point (what Chinese map SDKs return).
 */
export interface DemoCity {
  name: string;
  /** The full name addresses start with. */
  fullName: string;
  divisionCode: string;
  districts: readonly (readonly [code: string, name: string])[];
  centre: readonly [longitude: number, latitude: number];
}

export const demoCities: readonly DemoCity[] = [
  { name: '上海', fullName: '上海市', divisionCode: '310000', centre: [121.4737, 31.2304], districts: [['310101', '黄浦区'], ['310104', '徐汇区'], ['310105', '长宁区'], ['310106', '静安区'], ['310110', '杨浦区'], ['310112', '闵行区'], ['310115', '浦东新区']] },
  { name: '杭州', fullName: '浙江省杭州市', divisionCode: '330100', centre: [120.1551, 30.2741], districts: [['330102', '上城区'], ['330105', '拱墅区'], ['330106', '西湖区'], ['330108', '滨江区'], ['330110', '余杭区']] },
  { name: '南京', fullName: '江苏省南京市', divisionCode: '320100', centre: [118.7969, 32.0603], districts: [['320102', '玄武区'], ['320104', '秦淮区'], ['320105', '建邺区'], ['320106', '鼓楼区'], ['320115', '江宁区']] },
  { name: '广州', fullName: '广东省广州市', divisionCode: '440100', centre: [113.2644, 23.1291], districts: [['440103', '荔湾区'], ['440104', '越秀区'], ['440105', '海珠区'], ['440106', '天河区'], ['440111', '白云区']] },
  { name: '深圳', fullName: '广东省深圳市', divisionCode: '440300', centre: [114.0579, 22.5431], districts: [['440303', '罗湖区'], ['440304', '福田区'], ['440305', '南山区'], ['440306', '宝安区'], ['440307', '龙岗区']] },
  { name: '北京', fullName: '北京市', divisionCode: '110000', centre: [116.4074, 39.9042], districts: [['110101', '东城区'], ['110102', '西城区'], ['110105', '朝阳区'], ['110106', '丰台区'], ['110108', '海淀区']] },
  { name: '天津', fullName: '天津市', divisionCode: '120000', centre: [117.2009, 39.0842], districts: [['120101', '和平区'], ['120103', '河西区'], ['120104', '南开区'], ['120116', '滨海新区']] },
  { name: '成都', fullName: '四川省成都市', divisionCode: '510100', centre: [104.0665, 30.5723], districts: [['510104', '锦江区'], ['510105', '青羊区'], ['510106', '金牛区'], ['510107', '武侯区'], ['510108', '成华区']] },
  { name: '重庆', fullName: '重庆市', divisionCode: '500000', centre: [106.5516, 29.563], districts: [['500103', '渝中区'], ['500105', '江北区'], ['500106', '沙坪坝区'], ['500108', '南岸区'], ['500112', '渝北区']] },
];

/** A city no demo unit's territory covers: its customers are what admins see as outside every territory (ORG-3). */
export const uncoveredCity: DemoCity = {
  name: '苏州',
  fullName: '江苏省苏州市',
  divisionCode: '320500',
  centre: [120.5853, 31.2989],
  districts: [['320505', '虎丘区'], ['320506', '吴中区'], ['320508', '姑苏区']],
};

export const cityNamed = (name: string): DemoCity => demoCities.find((city) => city.name === name) ?? demoCities[0]!;

/** Each city branch owns its city's territory (ORG-3), so customers' divisions decide who may work them. */
export function territoryBindings(units: readonly { id: string; kind: string; name: string }[]): { orgUnitId: string; divisionCode: string }[] {
  return units.filter((unit) => unit.kind === 'CITY').map((unit) => ({ orgUnitId: unit.id, divisionCode: cityNamed(unit.name.replace('分公司', '')).divisionCode }));
}
