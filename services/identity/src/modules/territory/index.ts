export { territoryModule } from './territory.module';
export { TerritoryArea, TerritoryAreaSchema } from './territory-area.entity';
export { TerritoryBinding, TerritoryBindingSchema } from './territory-binding.entity';
export { territoriesHeldUnder } from './territory.service';
