/**
 * Every source the carbon model, the projections and the equivalents rely on. Each
 * coefficient in lib/model/carbon and lib/model/projection names one of these ids and a confidence
 * (see `Coefficient`); METHODOLOGY.md and the options page list them.
 */

export type Confidence = 'high' | 'medium' | 'low';

export interface Source {
  id: string;
  title: string;
  /** Publisher or authors. */
  author: string;
  year: number;
  url: string;
  licence?: string;
  /** What Tokenprint takes from it. */
  usedFor: string;
}

/** A number with where it comes from and how much to trust it. */
export interface Coefficient {
  value: number;
  unit: string;
  sourceIds: string[];
  confidence: Confidence;
  note?: string;
}

export const SOURCES: readonly Source[] = [
  {
    id: 'ecologits-code',
    title: 'EcoLogits — ecologits/impacts/llm.py and ecologits/tracers/utils.py',
    author: 'Samuel Rincé, Adrien Banse (GenAI Impact)',
    year: 2026,
    url: 'https://github.com/mlco2/ecologits',
    licence: 'MPL-2.0',
    usedFor:
      'The reference method reimplemented in lib/model/carbon/ecologits.ts: GPU energy and latency regressions, GPU count, server power share, embodied impacts, water (snapshot commit 5be90da, 2026-03-13).',
  },
  {
    id: 'ecologits-methodology',
    title:
      'EcoLogits methodology: Environmental Impacts of LLM Inference; "Major update in our methodology" (13 Nov 2025)',
    author: 'Samuel Rincé, Adrien Banse (GenAI Impact)',
    year: 2025,
    url: 'https://ecologits.ai/latest/methodology/llm_inference/',
    licence: 'CC BY-SA 4.0',
    usedFor:
      'Explanation of the formulas; the 250-output-token scenario used to compare with Google and OpenAI; the Mistral Large 2 comparison figures.',
  },
  {
    id: 'ecologits-models',
    title: 'EcoLogits model repository (ecologits/data/models.json)',
    author: 'GenAI Impact',
    year: 2026,
    url: 'https://github.com/mlco2/ecologits/blob/main/ecologits/data/models.json',
    licence: 'MPL-2.0',
    usedFor:
      'Total and active parameter ranges of every catalogue model, and serving speed (tokens per second, time to first token from OpenRouter).',
  },
  {
    id: 'ecologits-providers',
    title: 'EcoLogits provider configuration (PROVIDER_CONFIG_MAP in ecologits/tracers/utils.py)',
    author: 'GenAI Impact',
    year: 2026,
    url: 'https://github.com/mlco2/ecologits/blob/main/ecologits/tracers/utils.py',
    licence: 'MPL-2.0',
    usedFor:
      'Default data-centre location, PUE and on-site WUE per provider (OpenAI USA 1.20 / 0.569; Anthropic USA 1.09–1.14 / 0.13–0.999; Mistral Sweden 1.16 / 0.09; Google USA 1.09 / 0.999).',
  },
  {
    id: 'ecologits-electricity-mixes',
    title:
      'EcoLogits electricity mixes (ecologits/data/electricity_mixes.csv), water column from World Resources Institute',
    author: 'GenAI Impact; World Resources Institute',
    year: 2026,
    url: 'https://github.com/mlco2/ecologits/blob/main/ecologits/data/electricity_mixes.csv',
    licence: 'MPL-2.0',
    usedFor:
      'Off-site water consumption of electricity generation per country (lib/model/carbon/data/offsite-wue.json).',
  },
  {
    id: 'ecologits-js-vectors',
    title:
      'EcoLogits estimator parity vectors (mlco2/ecologits.js spec/vectors/estimator.json, SPEC.md, CONFORMANCE.md)',
    author: 'GenAI Impact (generated from EcoLogits 0.11.2, commit c739e8d)',
    year: 2026,
    url: 'https://github.com/mlco2/ecologits.js/tree/main/spec',
    licence: 'MPL-2.0',
    usedFor:
      'The reference outputs the EcoLogits-compatible method is tested against (a sample in tests/unit/carbon/data/ecologits-0.11.2-vectors.json); the 0.11 GPU embodied figure (273 kgCO2e) and water formula.',
  },
  {
    id: 'ml-energy',
    title: 'The ML.ENERGY Benchmark (Chung et al., arXiv 2505.06371) and leaderboard',
    author: 'Jae-Won Chung et al., University of Michigan',
    year: 2025,
    url: 'https://ml.energy/leaderboard/',
    usedFor: 'The data EcoLogits fitted its GPU-energy and latency regressions on (vLLM on H100).',
  },
  {
    id: 'ml-energy-v3',
    title:
      'Where Do the Joules Go? Diagnosing Inference Energy Consumption (arXiv 2601.22076); ML.ENERGY Leaderboard v3.0 and "LLM Inference Energy: A Longitudinal Analysis"',
    author: 'Jae-Won Chung, Ruofan Wu, Jeff J. Ma, Mosharaf Chowdhury (ML.ENERGY)',
    year: 2025,
    url: 'https://ml.energy/blog/measurement/energy/llm-inference-energy-a-longitudinal-analysis',
    usedFor:
      'Production-serving levers on H100: Llama-3.1-8B at batch 64 0.12 J/token (v2 0.20 J); Llama-3.1-405B with native FP8 up to 39 % less energy per token (batch 256). The FP8 saving sets the lower end of the decode factor.',
  },
  {
    id: 'nvidia-shipments-2025',
    title:
      'NVIDIA GTC 2025 keynote (18 Mar 2025) and GTC Washington keynote (28 Oct 2025): Hopper and Blackwell shipment figures',
    author: 'Jensen Huang, NVIDIA',
    year: 2025,
    url: 'https://www.nvidia.com/gtc/keynote/',
    usedFor:
      'Hardware generation of inference fleets: Hopper peaked at 1.3 M GPUs shipped to the four largest US clouds in 2024, Blackwell 3.6 M to them by March 2025 and 6 M in the four quarters to October 2025 (Blackwell counted in dies, two per package). Sets, with fleet-buildouts-2025, the 0.3–0.7 post-H100 share (low confidence: shipments, not the providers’ serving mix).',
  },
  {
    id: 'fleet-buildouts-2025',
    title:
      'Announced inference build-outs: Microsoft Azure’s GB300 NVL72 production cluster for OpenAI (Oct 2025); AWS Project Rainier, ~500k Trainium2 for Anthropic (Oct 2025); Anthropic–Google, up to 1 M TPUs (Oct 2025); Mistral Compute on 18k Grace Blackwell (Jun 2025)',
    author: 'Microsoft; Amazon; Anthropic and Google; Mistral AI and NVIDIA',
    year: 2025,
    url: 'https://www.anthropic.com/news/expanding-our-use-of-google-cloud-tpus-and-services',
    usedFor:
      'That all three providers serve a large share of 2026 traffic on post-H100 accelerators (GB200/GB300, Trainium2, TPU): the post-H100 share range of the decode factor.',
  },
  {
    id: 'nvidia-datasheets',
    title: 'NVIDIA H100, H200 and HGX B200 datasheets (board power, HBM bandwidth)',
    author: 'NVIDIA',
    year: 2025,
    url: 'https://www.nvidia.com/en-us/data-center/h200/',
    usedFor:
      'Power ÷ memory bandwidth per board: H100 SXM 700 W ÷ 3.35 TB/s = 0.209 J/GB (the memory-traffic fit of shared/data measures 0.206), H200 700 W ÷ 4.8 TB/s, B200 1,000 W ÷ 8 TB/s = 0.60× H100: the low end of the post-H100 decode energy ratio.',
  },
  {
    id: 'b200-vllm-benchmark-2026',
    title: 'Alice Benchmark: B200 vs H100 energy per token (vLLM, bf16, NVML)',
    author: 'Serial Alice (community benchmark)',
    year: 2026,
    url: 'http://api.serialalice.pt/alice-benchmark',
    usedFor:
      'B200 26.5 % less energy per token than H100 at batch 128, same vLLM version and precision: the high end (0.735×) of the post-H100 decode energy ratio (low confidence: one community benchmark, small models).',
  },
  {
    id: 'microsoft-2025',
    title:
      'Energy Use of AI Inference: Efficiency Pathways and Test-Time Compute (arXiv 2509.20241; Joule 2026)',
    author: 'Oviedo et al., Microsoft',
    year: 2025,
    url: 'https://arxiv.org/abs/2509.20241',
    usedFor:
      'Anchors: frontier-scale (>200 B) models on H100 nodes under production-like batching, 500 input / median 300 output tokens 0.34 Wh (IQR 0.18–0.67; v2 0.31); test-time scaling, median 5,000 output tokens, 4.32 Wh (v2 3.91).',
  },
  {
    id: 'boavizta-p5',
    title: 'BoaviztAPI estimate for an AWS p5.48xlarge server (via EcoLogits)',
    author: 'Boavizta',
    year: 2025,
    url: 'https://github.com/Boavizta/boaviztapi',
    licence: 'AGPL-3.0 (software)',
    usedFor:
      'Server power without GPUs (1.2 kW) and server embodied carbon without GPUs (5,700 kgCO2e).',
  },
  {
    id: 'nvidia-h100-pcf',
    title: 'NVIDIA HGX H100 Product Carbon Footprint summary',
    author: 'NVIDIA',
    year: 2024,
    url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf',
    usedFor:
      'Embodied carbon of one H100 GPU, 164 kgCO2e: EcoLogits 0.9.3’s figure, replaced by 273 kg in 0.11 (METHODOLOGY.md §4).',
  },
  {
    id: 'nvidia-h100-datasheet',
    title: 'NVIDIA H100 Tensor Core GPU datasheet',
    author: 'NVIDIA',
    year: 2023,
    url: 'https://www.nvidia.com/en-us/data-center/h100/',
    usedFor: 'H100 SXM maximum board power 700 W (prefill embodied-carbon allocation).',
  },
  {
    id: 'gpu-lifetime',
    title:
      'Ostrouchov et al. (2020), GPU lifetimes on Titan; Tom’s Hardware (2024) on data-centre GPU service life',
    author: 'G. Ostrouchov et al.; Tom’s Hardware',
    year: 2024,
    url: 'https://www.osti.gov/servlets/purl/1771896',
    usedFor: 'Hardware lifespan of 3 years over which embodied carbon is spread (as EcoLogits).',
  },
  {
    id: 'epoch-2025',
    title: 'How much energy does ChatGPT use?',
    author: 'Josh You, Epoch AI',
    year: 2025,
    url: 'https://epoch.ai/gradient-updates/how-much-energy-does-chatgpt-use',
    usedFor:
      'Prefill (input-token) energy: ≈0.3 Wh for a typical GPT-4o query, ≈2.5 Wh with 10k input tokens, ≈40 Wh with 100k, fitted as a·n + b·n².',
  },
  {
    id: 'h100-measured',
    title:
      'Tokenprint reference measurement: decode energy per token on one H100 SXM (shared/data/h100-decode-energy.csv)',
    author: 'Tokenprint project',
    year: 2026,
    url: 'shared/data/h100-decode-energy.csv',
    usedFor:
      'Production decode factor: at batch 128 the measured GPU energy per token of the 8 B model is 0.50 (eager) and 0.47 (compiled) of EcoLogits’ batch-64 regression; the memory-traffic fit of the same runs checks the decode band of a disclosed dense model.',
  },
  {
    id: 'google-gemini-2025',
    title: 'Measuring the environmental impact of delivering AI at Google scale (arXiv 2508.15734)',
    author: 'Cooper Elsworth et al., Google',
    year: 2025,
    url: 'https://arxiv.org/abs/2508.15734',
    usedFor:
      'Anchor: median Gemini Apps text prompt 0.24 Wh (accelerators 0.14, host CPU/DRAM 0.06, idle reserve 0.02, overhead 0.02): the host share and idle reserve of the default method.',
  },
  {
    id: 'google-environmental-2025',
    title: 'Google 2025 Environmental Report (covering 2024)',
    author: 'Google',
    year: 2025,
    url: 'https://blog.google/outreach-initiatives/sustainability/environmental-report-2025',
    usedFor:
      'Carbon-free energy share of Google’s data centres on an hourly basis, 64 % (2023) to 66 % (2024): the market-based boundary of the Google anchor.',
  },
  {
    id: 'microsoft-esr-scope2',
    title:
      'Microsoft Environmental Sustainability Report, Environmental Data Fact Sheet: Scope 2 emissions, location-based and market-based, FY17–FY21',
    author: 'Microsoft',
    year: 2022,
    url: 'https://www.microsoft.com/en-us/corporate-responsibility/sustainability/report',
    usedFor:
      'Market-based carbon for OpenAI (on Azure) and Mistral (on Azure, Sweden): Scope 2 market-based ÷ location-based = 0.035 (FY21: 163,935 ÷ 4,745,197 t) to 0.077 (FY19: 275,420 ÷ 3,557,518 t), i.e. a carbon-free share of 0.92–0.965 by annual certificates and PPAs (not hourly).',
  },
  {
    id: 'amazon-sustainability-2024',
    title: 'Amazon 2023 and 2024 Sustainability Reports',
    author: 'Amazon',
    year: 2025,
    url: 'https://sustainability.aboutamazon.com/2024-report',
    usedFor:
      'Market-based carbon for Anthropic (on AWS): 100 % of the electricity of Amazon’s operations matched with renewable energy in 2023 and 2024 (annual matching): the high end of Anthropic’s clean share.',
  },
  {
    id: 'openai-2025',
    title: 'The Gentle Singularity',
    author: 'Sam Altman, OpenAI',
    year: 2025,
    url: 'https://blog.samaltman.com/the-gentle-singularity',
    usedFor: 'Anchor: average ChatGPT query 0.34 Wh, about 0.32 mL water.',
  },
  {
    id: 'anthropic-pricing',
    title:
      'Claude API pricing (Opus 4 / 4.1: $15 / $75; Opus 4.5: $5 / $25 per million input / output tokens)',
    author: 'Anthropic',
    year: 2025,
    url: 'https://www.anthropic.com/pricing',
    usedFor:
      'The price ratio behind EcoLogits’ smaller Opus 4.5 / 4.6 estimate, which the speed reading against Opus 4.1 widens (lib/model/carbon/models.ts SPEED_REFERENCES).',
  },
  {
    id: 'openai-pricing',
    title: 'OpenAI API pricing (o3: $2 / $8 per million input / output tokens from 2025-06-10)',
    author: 'OpenAI',
    year: 2026,
    url: 'https://platform.openai.com/docs/pricing',
    usedFor:
      'Why price ratios are not read as size within OpenAI’s line: o3 launched at $10 / $40 (2025-04-16) and was cut 80 % under the same API id; GPT-5.5’s $30 output price (2× GPT-5.4) is reported, not used (METHODOLOGY.md §3).',
  },
  {
    id: 'mistral-lca-2025',
    title:
      'Our contribution to a global environmental standard for AI (LCA with Carbone 4 and ADEME)',
    author: 'Mistral AI',
    year: 2025,
    url: 'https://mistral.ai/news/our-contribution-to-a-global-environmental-standard-for-ai',
    usedFor:
      'Anchor: one 400-token Le Chat response from Mistral Large 2, 1.14 gCO2e and 45 mL (full life cycle).',
  },
  {
    id: 'mistral-large-2',
    title: 'Large Enough (Mistral Large 2 announcement, 123B parameters)',
    author: 'Mistral AI',
    year: 2024,
    url: 'https://mistral.ai/news/mistral-large-2407',
    usedFor: 'Disclosed parameter count of Mistral Large 2.',
  },
  {
    id: 'jegham-2025',
    title:
      'How Hungry is AI? Benchmarking Energy, Water, and Carbon Footprint of LLM Inference (arXiv 2505.09598)',
    author: 'Nidhal Jegham et al.',
    year: 2025,
    url: 'https://arxiv.org/abs/2505.09598',
    usedFor: 'Anchor: short GPT-4o query 0.42–0.43 Wh; long o3 prompts above 29 Wh.',
  },
  {
    id: 'li-2025-water',
    title: 'Making AI Less “Thirsty” (Li, Yang, Islam, Ren; CACM 2025, arXiv 2304.03271)',
    author: 'Pengfei Li, Jianyi Yang, Mohammad A. Islam, Shaolei Ren',
    year: 2025,
    url: 'https://arxiv.org/abs/2304.03271',
    usedFor: 'Water = server energy × (on-site WUE + PUE × off-site WUE).',
  },
  {
    id: 'co2js-ember',
    title: 'CO2.js (@tgwf/co2) average grid intensities, from Ember yearly electricity data',
    author: 'The Green Web Foundation; Ember',
    year: 2025,
    url: 'https://www.thegreenwebfoundation.org/co2-js/',
    licence: 'Apache-2.0 (code); CC BY-SA 4.0 (Ember data)',
    usedFor: 'Average grid carbon intensity per country and WORLD (gCO2e/kWh).',
  },
  {
    id: 'co2js-marginal',
    title:
      'CO2.js (@tgwf/co2) marginal grid intensities 2021 (UNFCCC harmonised IFI default grid factors)',
    author: 'The Green Web Foundation; UNFCCC',
    year: 2021,
    url: 'https://developers.thegreenwebfoundation.org/co2js/data/',
    licence: 'Apache-2.0 (code)',
    usedFor: 'Marginal grid carbon intensity per country (gCO2e/kWh).',
  },
  {
    id: 'iso-countries',
    title: 'i18n-iso-countries (npm)',
    author: 'Michael Wittig and contributors',
    year: 2025,
    url: 'https://www.npmjs.com/package/i18n-iso-countries',
    licence: 'MIT',
    usedFor: 'English names of ISO 3166-1 alpha-3 region codes in the region picker.',
  },
  {
    id: 'desnz-2024',
    title:
      'UK Government GHG Conversion Factors for Company Reporting 2024 (passenger vehicles: average petrol car)',
    author: 'UK Department for Energy Security and Net Zero (DESNZ)',
    year: 2024,
    url: 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting',
    licence: 'Open Government Licence v3.0',
    usedFor: 'Average petrol car ≈ 164 gCO2e per km (well-to-wheel excluded; tailpipe, scope 1).',
  },
  {
    id: 'iea-streaming-2020',
    title: 'The carbon footprint of streaming video: fact-checking the headlines',
    author: 'George Kamiya, IEA',
    year: 2020,
    url: 'https://www.iea.org/commentaries/the-carbon-footprint-of-streaming-video-fact-checking-the-headlines',
    licence: 'CC BY 4.0',
    usedFor: 'One hour of streaming video ≈ 36 gCO2 (2019 central estimate, updated Dec 2020).',
  },
  {
    id: 'epa-equivalencies',
    title:
      'Greenhouse Gas Equivalencies Calculator — Calculations and References (smartphones charged)',
    author: 'US Environmental Protection Agency',
    year: 2024,
    url: 'https://www.epa.gov/energy/greenhouse-gases-equivalencies-calculator-calculations-and-references',
    usedFor: 'Energy to charge a smartphone ≈ 0.019 kWh per charge.',
  },
  {
    id: 'physics-kettle',
    title: 'Specific heat of water (4.186 kJ/kg·K) and a typical kettle efficiency',
    author: 'Standard physical constant; Tokenprint assumption for efficiency',
    year: 2026,
    url: 'https://en.wikipedia.org/wiki/Specific_heat_capacity',
    usedFor: 'One kettle boil (1 litre from 15 °C to 100 °C at 90 % efficiency) ≈ 110 Wh.',
  },
  {
    id: 'openai-prompt-caching',
    title: 'Prompt caching (API guide) and API pricing: cached input tokens',
    author: 'OpenAI',
    year: 2025,
    url: 'https://platform.openai.com/docs/guides/prompt-caching',
    usedFor:
      'Prompt prefixes of 1,024 tokens or more are cached automatically; cached input is billed 50 % (GPT-4o) to 90 % (GPT-5) below fresh input. Used as a proxy for the compute a cache hit saves (a price, not a measurement).',
  },
  {
    id: 'anthropic-prompt-caching',
    title: 'Prompt caching (Claude API documentation): cache reads at 0.1× the base input price',
    author: 'Anthropic',
    year: 2025,
    url: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
    usedFor:
      'A cache read costs 10 % of a fresh input token: the low end of what a cached token of context costs (a price, not a measurement).',
  },
  {
    id: 'chatgpt-system-prompt',
    title:
      'ChatGPT system prompt sizes: 1,700 tokens (GPT-4 with tools, found by Dylan Patel, Feb 2024); ~900 tokens (weighmyprompt.com, GPT-4o)',
    author: 'Emergent Behavior (breakdown of D. Patel’s find); weighmyprompt.com',
    year: 2025,
    url: 'https://emergentbehavior.co/p/chatgpt-system-prompt-breakdown',
    usedFor:
      'The ChatGPT system prompt range (900–1,700 tokens counted; the 2025 GPT-5 leaks with every tool are longer, uncounted: upper end assumed).',
  },
  {
    id: 'claude-system-prompt',
    title:
      'Claude system prompts: published in Anthropic’s release notes; the May 2025 leak with tool definitions, >24,000 tokens',
    author: 'Anthropic (release notes: system prompts); reports of the leak (BigGo, 2025-05-07)',
    year: 2025,
    url: 'https://docs.anthropic.com/en/release-notes/system-prompts',
    usedFor:
      'The claude.ai system prompt range: upper end the 24k-token leak (all tools on); lower end assumed for the published prompt without tools.',
  },
  {
    id: 'lechat-system-prompt',
    title:
      'Le Chat system prompt (leaked 2024-11-18, 9.8 KB with web, image and canvas sections), TheBigPromptLibrary',
    author: '0xeb/TheBigPromptLibrary',
    year: 2024,
    url: 'https://github.com/0xeb/TheBigPromptLibrary/blob/main/SystemPrompts/Mistral/lechat-11182024.md',
    usedFor:
      'The Le Chat system prompt range: 9.8 KB ≈ 2,500 tokens at ~4 characters per token with every tool; without the tool sections about 1,000.',
  },
  {
    id: 'luccioni-2024',
    title: 'Power Hungry Processing: Watts Driving the Cost of AI Deployment? (FAccT ’24)',
    author: 'Alexandra Sasha Luccioni, Yacine Jernite, Emma Strubell',
    year: 2024,
    url: 'https://arxiv.org/abs/2311.16863',
    usedFor:
      'Energy per generated image: 2.9 Wh on average over the image-generation models measured (2.907 kWh per 1,000), 11.5 Wh for the least efficient (the same team’s AI Energy Score ranks models this way).',
  },
  {
    id: 'tokenprint-assumption',
    title: 'Tokenprint modelling assumption (stated in lib/model/carbon/METHODOLOGY.md)',
    author: 'Tokenprint project',
    year: 2026,
    url: 'lib/model/carbon/METHODOLOGY.md',
    usedFor:
      'Choices with no published figure behind them, each labelled low confidence where used.',
  },
];

const BY_ID: ReadonlyMap<string, Source> = new Map(SOURCES.map((s) => [s.id, s]));

/** The source with this id; throws for an unknown id so a typo cannot ship silently. */
export function source(id: string): Source {
  const s = BY_ID.get(id);
  if (!s) throw new Error(`Unknown source id '${id}'`);
  return s;
}
