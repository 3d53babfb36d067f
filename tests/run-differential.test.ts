/**
 * `pymem run` against real CPython: every program in tests/programs/run (sizes as
 * containers grow, refcounts, `is` and the small-int cache, id reuse after `del`,
 * dict/list/set growth, string concatenation, the seed's request dicts) and
 * tests/programs/run-errors (tracebacks) runs on the model for 3.8 … 3.13 and must
 * print exactly what CPython printed — first against the committed fixture (recorded by
 * scripts/record-run-fixtures.ts), then live on every interpreter found here (a
 * missing one is announced loudly). 3.14 is Pyodide's CPython 3.14.2 (wasm32): the
 * model runs with the 3.14 profile on a heap of 4-byte pointers (Pyodide's layout).
 *
 * Where the model cannot vouch for a result it must say so (exit 2), never print
 * something else: KNOWN_UNSUPPORTED lists those cases, each with its reason, and
 * the test fails if one of them starts to run (so the list cannot go stale).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { type RunResult, runPython } from '@pymem/python';
import type { ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { startPyodide } from './scripts/pyodide-run.ts';
import {
  DIR_PLACEHOLDER,
  type ProgramOutput,
  PYODIDE_PROFILE,
  RUN_DIFFERENTIAL_PROFILES,
  readRunFixture,
  recordedOutput,
  runPrograms,
  runWithCPython,
} from './scripts/record-run-fixtures.ts';

/** A live run of every program on one interpreter: a minute or two, several on a loaded 2-core machine. */
const LIVE_TIMEOUT_MS = 600_000;

/** Every profile the differential runs: CPython 3.8 … 3.13, and Pyodide's 3.14. */
const PROFILES: readonly string[] = [...RUN_DIFFERENTIAL_PROFILES, PYODIDE_PROFILE];

/** The release Pyodide runs, as the model is told it (its fixture entries read `3.14.2-wasm32`). */
const PYODIDE_PYTHON = '3.14.2';

/** Program → profiles where the model refuses (exit 2), and why. */
const KNOWN_UNSUPPORTED: Record<string, { profiles: readonly string[]; reason: string }> = {
  'errors/ne_hint_closure.py': {
    profiles: ['3.13', PYODIDE_PROFILE],
    reason:
      "3.13's hint takes f_locals, which holds a closure's bound free variables: not modelled",
  },
  'errors/cls_body_error_refused.py': {
    profiles: PROFILES,
    reason: "an exception leaving a class body: the body's frame is not modelled",
  },
  'errors/ae_hint_module_collections_abc.py': {
    profiles: ['3.8', '3.9', PYODIDE_PROFILE],
    reason:
      '3.8/3.9 collections answers the old ABC names through a module __getattr__: not modelled',
  },
  'errors/ae_hint_in_generator.py': {
    profiles: ['3.13', PYODIDE_PROFILE],
    reason: "3.13's hint looks for self in the innermost frame, a generator's: not modelled",
  },
  'run/od_update_refused.py': {
    profiles: PROFILES,
    reason:
      'OrderedDict.update (mutablemapping_update: keys/items lookups on its argument) is not modelled',
  },
  'run/od_from_dict_refused.py': {
    profiles: PROFILES,
    reason:
      'OrderedDict(a dict): mutablemapping_update_arg copies it with PyDict_Items first, not modelled',
  },
  'run/fn_annotations.py': {
    profiles: ['3.14'],
    reason:
      'parameter and return annotations on 3.14 make an __annotate__ function (PEP 649): not measured',
  },
  'run/cls_method_annotations.py': {
    profiles: ['3.14'],
    reason:
      'parameter and return annotations on 3.14 make an __annotate__ function (PEP 649): not measured',
  },
  'run/gc_count_calls.py': {
    profiles: ['3.8', '3.9', '3.10'],
    reason:
      "gc.get_count() after a Python call on 3.8-3.10: the first call of a code object makes a frame object (then the code's zombie frame) that CPython counts and the model does not make",
  },
  'run/gc_count_print_refused.py': {
    profiles: PROFILES,
    reason:
      "gc.get_count() after print(): the io stack's temporaries (3-5 containers, by the buffer's state) are not modelled",
  },
  'run/recursion_deep_refused.py': {
    profiles: PROFILES,
    reason:
      "recursion 950 calls deep: past the model's 900-call limit (or the JavaScript stack before it), refused with one line, never a crash",
  },
  'run/dict_keys_changed_refused.py': {
    profiles: PROFILES,
    reason:
      "a dict whose keys change (same size) under its iterator (dictiter_iternextkey's RuntimeError) is not modelled",
  },
  'run/od_changed_while_iterating_refused.py': {
    profiles: PROFILES,
    reason:
      "an OrderedDict changed under its iterator (odictiter_nextkey's RuntimeError) is not modelled",
  },
  'run/cls_hash_collision_refused.py': {
    profiles: PROFILES,
    reason:
      "two unequal keys with one hash in a set (CPython keeps both after comparing them): the model keeps one key per hash hashed by a class's __hash__",
  },
  'run/cl_defaultdict_compare_refused.py': {
    profiles: PROFILES,
    reason: 'comparing a defaultdict (dict_richcompare across the subtype) is not modelled',
  },
  'run/cl_defaultdict_copy_refused.py': {
    profiles: PROFILES,
    reason:
      'defaultdict.copy() (defdict_copy: a type call with the factory and itself) is not modelled',
  },

  'run/ct_arithmetic_refused.py': {
    profiles: PROFILES,
    reason: "Counter's + - & | and unary +/- (Python code making new Counters) are not modelled",
  },
  'run/ct_compare_refused.py': {
    profiles: PROFILES,
    reason: 'comparing a Counter (3.10+ multiset comparisons in Python) is not modelled',
  },
  'run/ct_elements_refused.py': {
    profiles: PROFILES,
    reason: 'Counter.elements() (chain.from_iterable over starmap(repeat, items)) is not modelled',
  },
  'run/ct_keywords_refused.py': {
    profiles: PROFILES,
    reason: "Counter(a=1) (the call's keyword dict merged into the Counter) is not modelled",
  },
  'run/ft_partial_keywords_refused.py': {
    profiles: ['3.14'],
    reason: 'functools.partial with keywords on 3.14 (partial_vectorcall reworked): not measured',
  },
  'run/lib_partial_keywords.py': {
    profiles: ['3.14'],
    reason: 'functools.partial with keywords on 3.14 (partial_vectorcall reworked): not measured',
  },
  'run/fw_lru_cache_cache.py': {
    profiles: ['3.8'],
    reason: "3.8's functools has no cache: the model refuses the AttributeError",
  },
  'run/fw_lru_cache_dealloc.py': {
    profiles: ['3.8'],
    reason:
      "3.8's lru_cache wrapper takes no weak reference: the TypeError leaves instances with __del__ to shutdown (refused)",
  },
  'run/str_index_singletons.py': {
    profiles: ['3.11', '3.12'],
    reason:
      'one-character str constants may be interned copies, not the latin-1 singletons indexing returns',
  },
  'errors/co_deque_mutated_in_loop.py': {
    profiles: PROFILES,
    reason:
      "a deque changed while a loop iterates it: CPython's RuntimeError is refused, not modelled",
  },
  'run/sysw_getallocatedblocks_refused.py': {
    profiles: PROFILES,
    reason:
      "sys.getallocatedblocks() counts CPython's start-up blocks, which the model does not hold",
  },
  'run/sysw_weakref_first_collect_printed.py': {
    profiles: ['3.9', '3.13', '3.14'],
    reason:
      'the first gc.collect() after import weakref may also count the garbage the import leaves (3.9: 7 objects without -W ignore, none with it; 3.13+)',
  },
  'run/fmt_fstring_singletons.py': {
    profiles: ['3.11', '3.12'],
    reason:
      'one-character str constants may be interned copies, not the latin-1 singletons formatting returns',
  },
  'run/fmt_percent_single.py': {
    profiles: ['3.11', '3.12'],
    reason:
      'one-character str constants may be interned copies, not the latin-1 singletons formatting returns',
  },
  'run/gc_get_count_refused.py': {
    profiles: PROFILES,
    reason:
      "gc.get_count() after print(): CPython's count includes the io stack's temporaries, which the model does not make",
  },
  'run/gc_id_reuse_after_collect.py': {
    profiles: PROFILES,
    reason: 'a full collection frees free lists that hold start-up objects: block reuse is unknown',
  },
  'run/gc_no_reuse_before_collect.py': {
    profiles: PROFILES,
    reason:
      'the first gc.collect() finds garbage made while CPython could have collected by itself',
  },
  'run/gc_automatic_refused.py': {
    profiles: PROFILES,
    reason: 'the same, after 1,000 cycles (CPython 3.8–3.12 collect some of them automatically)',
  },
  'run/gc_first_collect_exposed.py': {
    profiles: PROFILES,
    reason:
      "the first gc.collect() after a print next to the garbage (print's containers may have set off an automatic collection)",
  },
  'run/gc_first_collect_exposed_loop.py': {
    profiles: PROFILES,
    reason:
      'the first gc.collect() after containers were made next to garbage (an automatic collection may have freed it)',
  },
  'run/gc_first_collect_alloc_after.py': {
    profiles: ['3.8', '3.9', '3.10', '3.11'],
    reason:
      'a container made next to the garbage: 3.8–3.11 may collect right there (3.12+ wait for an eval-breaker check)',
  },
  'run/gc_first_collect_finalizer_refused.py': {
    profiles: PROFILES,
    reason:
      "finalizers in the first collection's garbage after containers were made: an automatic collection may have reordered them",
  },
  'run/gc_is_tracked_tuple_unknown.py': {
    profiles: PROFILES,
    reason: 'a collection CPython may have run since start-up untracks tuples of atoms',
  },
  'errors/fn_free_variable_unbound.py': {
    profiles: ['3.10', '3.11', '3.12', '3.13'],
    reason: 'the NameError of an empty cell may end in a "Did you mean" hint on 3.10+',
  },
  'errors/fn_cell_variable_unbound.py': {
    profiles: ['3.10', '3.11', '3.12', '3.13'],
    reason: 'the UnboundLocalError of an empty cell may end in a "Did you mean" hint on 3.10+',
  },
  'errors/fn_call_unexpected_keyword.py': {
    profiles: ['3.13'],
    reason: '3.13 may end the TypeError with a "Did you mean" hint the model does not compute',
  },
  'run/cls_del_at_exit_refused.py': {
    profiles: RUN_DIFFERENTIAL_PROFILES,
    reason: 'an instance with __del__ alive at exit: CPython finalizes it at shutdown',
  },
  'run/clsx_decorator_other_refused.py': {
    profiles: PROFILES,
    reason: 'a decorator other than staticmethod, classmethod or property on a method',
  },
  'run/clsx_property_getrefcount.py': {
    profiles: ['3.12', '3.13', '3.14'],
    reason:
      "3.12+ specialise LOAD_ATTR_PROPERTY: the getter's frame takes the caller's reference (count one lower from the second read)",
  },
  'errors/ux_exc_with_uncaught.py': {
    profiles: ['3.11', '3.12', '3.13', '3.14'],
    reason:
      "an error raised in __exit__: 3.11+ show the with statement's line (and 3.13 its marks) for the frame, a location the model does not know",
  },
  'run/cls_gc_cycle_materialised_dict.py': {
    profiles: ['3.13'],
    reason:
      "3.13 traverses an instance's inline values, not its materialised __dict__; the heap's collector does not",
  },
  'run/cls_gc_tracked_dict_cycle.py': {
    profiles: ['3.13'],
    reason:
      "3.13 traverses an instance's inline values, not its materialised __dict__; the heap's collector does not",
  },
  'run/gen_close_delegating.py': {
    profiles: RUN_DIFFERENTIAL_PROFILES,
    reason:
      'close() of a generator inside yield from closes the sub-iterator first (3.13: then throws GeneratorExit in)',
  },
  'run/gc_collect_young_unknown.py': {
    profiles: PROFILES,
    reason: 'which generation holds what is unknown before a full collection',
  },
  'run/exc_id_after_catch.py': {
    profiles: RUN_DIFFERENTIAL_PROFILES,
    reason:
      "tracebacks' frame objects are not all made: block reuse after a caught exception is unknown",
  },
  'run/exc_function_refcount_kept.py': {
    profiles: ['3.11', '3.12', '3.13'],
    reason: 'a 3.11+ frame object kept by a traceback holds its function (f_funcobj): not modelled',
  },
  'run/tm_print_refused.py': {
    profiles: PROFILES,
    reason: "print() while tracing: CPython's stdout buffer is traced, the model's is not",
  },
  'run/tm_new_name_refused.py': {
    profiles: PROFILES,
    reason: "a module-level name first bound while tracing may grow __main__'s dict (not modelled)",
  },
  'run/tm_function_refused.py': {
    profiles: PROFILES,
    reason: "tracemalloc in a program with a def: frames' allocations are not measured",
  },
  'run/tm_many_lists_refused.py': {
    profiles: PROFILES,
    reason: "more new lists alive than CPython's warm free list is known to supply untraced",
  },
  'run/tm_snapshot_refused.py': {
    profiles: PROFILES,
    reason: 'tracemalloc.take_snapshot() is not modelled',
  },
};
/** Refused on 3.14 (Pyodide's build), by reason: program keys. */
const REFUSED_ON_314: Record<string, readonly string[]> = {
  'collections.namedtuple on 3.14: refused until measured against Pyodide (module-namedtuple.ts)': [
    'errors/nt_index_error.py',
    'errors/nt_missing_argument.py',
    'errors/nt_multiple_values.py',
    'errors/nt_too_many.py',
    'errors/nt_unexpected_keyword.py',
    'run/nt_asdict.py',
    'run/nt_compare.py',
    'run/nt_dict_keys.py',
    'run/nt_fields.py',
    'run/nt_finalizers.py',
    'run/nt_in_functions.py',
    'run/nt_many_classes.py',
    'run/nt_nested.py',
    'run/nt_refcounts.py',
    'run/nt_replace.py',
    'run/nt_sizes.py',
    'run/nt_unpack_iter.py',
  ],
  "tracemalloc's sizes: one Pyodide runs every program, so its free lists depend on the programs before":
    [
      'run/tm_append_growth.py',
      'run/tm_list_sizes.py',
      'run/tm_peak_reset.py',
      'run/tm_range_loop.py',
      'run/tm_start_state.py',
      'run/tm_str_and_ints.py',
    ],
  'refused as on the versions before (the same construct, not modelled yet)': [
    'errors/fn_call_unexpected_keyword.py',
    'errors/fn_cell_variable_unbound.py',
    'errors/fn_free_variable_unbound.py',
    'run/cls_del_at_exit_refused.py',
    'run/cls_gc_cycle_materialised_dict.py',
    'run/cls_gc_tracked_dict_cycle.py',
    'run/exc_function_refcount_kept.py',
    'run/gc_automatic_refused.py',
    'run/gc_collect_young_unknown.py',
    'run/gc_get_count_refused.py',
    'run/gc_is_tracked_tuple_unknown.py',
    'run/gen_close_delegating.py',
  ],
  'gc.is_tracked of a tuple of untracked items made by t + t, t * 2, slicing or divmod: 3.14.2 tracks those (measured), the model vouches only for the makers it follows (tuple-tracking.ts)':
    ['run/ig_tuple_tracking_other_makers.py'],
  'id() on wasm32: Pyodide has no pymalloc, where its malloc puts objects is not predictable': [
    'run/set_intersection_update.py',
    'run/str_inplace_assign_form.py',
    'run/str_inplace_calls.py',
    'run/str_inplace_cells.py',
    'run/str_inplace_generator.py',
    'run/str_inplace_hash.py',
    'run/str_inplace_kinds.py',
    'run/str_inplace_large.py',
    'run/str_inplace_loop.py',
    'run/str_inplace_module.py',
    'run/str_inplace_shared.py',
    'run/str_inplace_temporaries.py',
    'run/str_inplace_while.py',
    'run/cls_docstring_blocks.py',
    'run/cls_registry_blocks.py',
    'run/gen_genexp_deep_size.py',
    'run/dict_keywords_call.py',
    'run/cls_type_names.py',
    'run/dict_unpack_display.py',
    'run/setop_operators.py',
    'run/lib_sort_keywords_bound_method.py',
    'run/lib_sort_large.py',
    'run/lib_key_dict_get_sizes.py',
    'run/dict_items_list_id_reuse.py',
    'run/le_list_type_call.py',
    'run/clsx_bound_classmethod_reuse.py',
    'run/clsx_id_reuse_descriptors.py',
    'run/cls_id_reuse.py',
    'run/cls_slots_vs_dict.py',
    'run/exc_id_after_catch.py',
    'run/float_free_list.py',
    'run/fn_cell_blocks.py',
    'run/fn_comprehension_function_block.py',
    'run/fn_function_ids.py',
    'run/gc_id_reuse_after_collect.py',
    'run/gc_no_reuse_before_collect.py',
    'run/gen_genexp_function_lifetime.py',
    'run/gen_id_reuse.py',
    'run/gen_many_generators.py',
    'run/id_reuse_dict.py',
    'run/id_reuse_int.py',
    'run/id_reuse_list.py',
    'run/id_reuse_tuple.py',
    'run/lambda_id_reuse.py',
    'run/lib_del_slice_recycle.py',
    'run/lib_dict_items_ids.py',
    'run/lib_enumerate_reuse_ids.py',
    'run/lib_insert_id_reuse.py',
    'run/lib_range_big_ids.py',
    'run/lib_range_negative_step_ids.py',
    'run/lib_remove_frees_item.py',
    'run/lib_sorted.py',
    'run/list_iadd_identity.py',
    'run/mf_map_ids.py',
    'run/sample_reuse.py',
  ],
  'sys.getrefcount inside a comprehension: 3.14 loads its variables as borrowed references': [
    'run/fn_comprehension_refcounts.py',
  ],
  'sys.getrefcount where 3.14 may or may not hold a borrowed reference (LOAD_FAST_BORROW: loads the analysis cannot settle, calls through classes, dunder methods, generators, `except` handlers and `finally`)':
    [
      'run/cls_init_keywords.py',
      'run/with_builtin_exit.py',
      'run/it_property_setter.py',
      'run/it_iter_yield_from.py',
      'run/ft_reduce_refcounts.py',
      'run/ft_partial_basics.py',
      'run/clsx_classmethod_calls.py',
      'run/clsx_staticmethod_refcounts.py',
      'run/cls_del_gc_three_cycle.py',
      'run/cls_del_refcount_zero.py',
      'run/cls_dunder_call.py',
      'run/cls_init_specialised.py',
      'run/cls_super_init.py',
      'run/cls_with_refcounts.py',
      'run/exc_as_deleted.py',
      'run/exc_finally_refcount.py',
      'run/exc_finally_return.py',
      'run/fn_comprehension_scope.py',
      'run/fn_comprehension_shadowing.py',
      'run/fn_kwargs_unpacking.py',
      'run/fn_star_call_leading.py',
      'run/gen_del_local.py',
      'run/sysw_weakref_gc_dies_first.py',
      'run/gen_return_value.py',
      'run/lib_sort_key_refcounts.py',
      'run/mf_filter_refs.py',
      'run/mf_map_next_refs.py',
      'run/sysw_weakref_callback.py',
      'run/ux_exc_class_refcounts.py',
      'run/ux_exc_with_exit.py',
      'run/ix_accumulate_func.py',
      'run/ix_starmap_calls.py',
      'run/ix_takewhile_stop.py',
      'run/minmax_key_calls.py',
    ],
  "sys.getrefcount of a generator function: 3.14's generators do not count their function (measured)":
    ['run/gen_close_keeps_function.py', 'run/gen_function_refcount.py'],
  'the "Did you mean" hint of a NameError or AttributeError on 3.14: not measured': [
    'errors/ne_hint_global_typo.py',
    'errors/ne_hint_builtin_typo.py',
    'errors/ne_hint_local_typo.py',
    'errors/ne_hint_forgot_import.py',
    'errors/ne_hint_none.py',
    'errors/ne_hint_self_attribute.py',
    'errors/ne_hint_local_or_import.py',
    'errors/ne_hint_tie_globals.py',
    'errors/ne_hint_parameter_typo.py',
    'errors/ne_hint_imported_module.py',
    'errors/ne_hint_deleted_global.py',
    'errors/ae_hint_instance_attribute.py',
    'errors/ae_hint_private_outside.py',
    'errors/ae_hint_private_in_method.py',
    'errors/ae_hint_class_method.py',
    'errors/ae_hint_function_attribute.py',
    'errors/ae_hint_slots_instance.py',
    'errors/cls_attribute_error.py',
    'errors/cls_slots_attribute_error.py',
  ],
  "tuple() of a generator or an iterable instance: 3.14's PySequence_Tuple fills a buffer of 8 first (no length hint, measured)":
    ['run/gen_tuple_growth.py', 'run/cls_tuple_set_of_instance.py'],
  "a builtin value's, exception's or library module's missing attribute on 3.14: its names are not recorded there":
    [
      'errors/ae_hint_exception_message.py',
      'errors/ae_hint_exception_attributes.py',
      'errors/ae_hint_str_method.py',
      'errors/ae_hint_list_push.py',
      'errors/ae_hint_dict_in_function.py',
      'errors/ae_hint_none_argument.py',
      'errors/ae_hint_int_method.py',
      'run/exc_builtin_attribute_errors.py',
      'errors/ae_hint_module_function.py',
      'errors/ae_hint_operator_module.py',
      'errors/ae_hint_module_private.py',
      'run/exc_module_attribute_errors.py',
    ],
};
for (const [reason, keys] of Object.entries(REFUSED_ON_314))
  for (const key of keys) {
    const listed = KNOWN_UNSUPPORTED[key];
    if (listed?.profiles.includes('3.14')) continue;
    KNOWN_UNSUPPORTED[key] =
      listed === undefined
        ? { profiles: ['3.14'], reason }
        : {
            profiles: [...listed.profiles, '3.14'],
            reason: `${listed.reason}; on 3.14: ${reason}`,
          };
  }

/** Where the model draws CPython's traceback (3.11+ with the marks under the failing construct). */
const TRACEBACK_PROFILES = PROFILES;

const programs = runPrograms();
const fixture = readRunFixture();

/**
 * Runs a program on the model as `python NAME.py` would from its directory; 3.14 on
 * Pyodide's layout (4-byte pointers).
 */
function runModel(dir: string, file: string, profile: string): RunResult {
  // 3.9+ show the script's absolute path in tracebacks; 3.8 the path as given.
  const filename = profile === '3.8' ? file : `${DIR_PLACEHOLDER}/${file}`;
  return runPython(readFileSync(join(dir, file), 'utf8'), {
    python: profile,
    filename,
    // The interpreters ran with `-W ignore`.
    warnings: false,
    // Pyodide's 3.14.2 collects incrementally: the patch picks that collector.
    ...(profile === PYODIDE_PROFILE
      ? { python: PYODIDE_PYTHON, heap: new Heap({ profile: '3.14', pointerSize: 4 }) }
      : {}),
  });
}

/** The problems with the model's run of `key` against CPython's `truth`. */
function compare(key: string, profile: string, model: RunResult, truth: ProgramOutput): string[] {
  const refused = KNOWN_UNSUPPORTED[key]?.profiles.includes(profile) ?? false;
  const isError = key.startsWith('errors/');
  if (refused || (isError && !TRACEBACK_PROFILES.includes(profile))) {
    if (model.outcome !== 'unsupported')
      return [`expected the model to refuse (exit 2), it ended ${model.outcome}: ${model.stdout}`];
    if (!/^[^:]+:\d+:\d+: .+ is not supported by pymem run\n$/.test(model.stderr))
      return [`the refusal is not one FILE:LINE:COL line: ${model.stderr}`];
    // What it printed before refusing is what CPython printed first.
    return truth.stdout.startsWith(model.stdout) ? [] : ['printed something CPython did not'];
  }
  const problems: string[] = [];
  if (model.stdout !== truth.stdout)
    problems.push(`stdout differs:\n${model.stdout}\n--- CPython:\n${truth.stdout}`);
  const status = model.outcome === 'ok' ? 0 : model.outcome === 'unsupported' ? 2 : 1;
  if (status !== truth.status)
    problems.push(`exit ${status} (${model.stderr.trim()}), CPython ${truth.status}`);
  if (isError && model.stderr !== truth.stderr)
    problems.push(`traceback differs:\n${model.stderr}--- CPython:\n${truth.stderr}`);
  return problems;
}

describe('pymem run, recorded', () => {
  it('has at least 60 programs and every one recorded on 3.8 … 3.14', () => {
    expect(programs.filter((p) => p.key.startsWith('run/')).length).toBeGreaterThanOrEqual(60);
    for (const { key } of programs) {
      const versions = (fixture[key] ?? [])
        .flatMap((o) => o.versions)
        .map((v) => v.split('.').slice(0, 2).join('.'));
      expect(versions.sort(), key).toEqual([...PROFILES].sort());
    }
  });

  for (const profile of PROFILES) {
    it(`prints what CPython ${profile} printed, for every program`, () => {
      const problems: string[] = [];
      for (const { key, dir, file } of programs) {
        const truth = fixture[key]?.find((o) =>
          o.versions.some((v) => v.startsWith(`${profile}.`)),
        );
        if (truth === undefined) continue;
        const model = runModel(dir, file, profile);
        if (model.outcome === 'ok') validateHeap(model.heap);
        problems.push(...compare(key, profile, model, truth).map((p) => `${key}: ${p}`));
      }
      expect(problems).toEqual([]);
    });
  }

  it('shows the seed example: a new dict literal and the template copy take the same bytes', () => {
    for (const profile of RUN_DIFFERENTIAL_PROFILES) {
      const version = fixture['run/seed_process_request.py']!.flatMap((o) => o.versions).find((v) =>
        v.startsWith(`${profile}.`),
      )!;
      const truth = recordedOutput(fixture, 'run/seed_process_request.py', version)!;
      const lines = truth.stdout.trim().split('\n').slice(0, 3);
      for (const line of lines) {
        const [literal, copy] = line.split(' ').map(Number);
        expect(literal, `${profile}: ${line}`).toBe(copy);
      }
    }
  });

  it('keeps KNOWN_UNSUPPORTED honest: each listed case is refused, nothing else is', () => {
    for (const [key, { profiles }] of Object.entries(KNOWN_UNSUPPORTED)) {
      const program = programs.find((p) => p.key === key)!;
      for (const profile of PROFILES) {
        const outcome = runModel(program.dir, program.file, profile).outcome;
        expect(outcome === 'unsupported', `${key} on ${profile}`).toBe(profiles.includes(profile));
      }
    }
  });
});

describe('pymem run, live', () => {
  for (const profile of RUN_DIFFERENTIAL_PROFILES) {
    const interpreter = liveInterpreterFor(profile as ProfileName, 'pymem run differential');
    it.skipIf(interpreter === null)(
      `prints what the CPython ${profile} here prints`,
      async () => {
        const problems: string[] = [];
        const outputs = await Promise.all(
          programs.map(({ key, dir, file }) =>
            runWithCPython(interpreter!, dir, file, key.startsWith('errors/')),
          ),
        );
        programs.forEach(({ key, dir, file }, i) => {
          const model = runModel(dir, file, profile);
          problems.push(...compare(key, profile, model, outputs[i]!).map((p) => `${key}: ${p}`));
        });
        expect(problems).toEqual([]);
      },
      LIVE_TIMEOUT_MS,
    );
  }
});

describe('pymem run, live on Pyodide (CPython 3.14, wasm32)', () => {
  it(
    'prints what Pyodide prints',
    async () => {
      const pyodide = await startPyodide();
      if (pyodide === null) return;
      const problems: string[] = [];
      for (const { key, dir, file } of programs) {
        const truth = pyodide.run(dir, file, key.startsWith('errors/'), DIR_PLACEHOLDER);
        const model = runModel(dir, file, PYODIDE_PROFILE);
        problems.push(...compare(key, PYODIDE_PROFILE, model, truth).map((p) => `${key}: ${p}`));
      }
      expect(problems).toEqual([]);
    },
    LIVE_TIMEOUT_MS,
  );
});
