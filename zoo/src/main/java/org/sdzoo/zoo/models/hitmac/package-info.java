/**
 * HiT-MAC (Xu, Zhong, Wang, "Learning Multi-Agent Coordination for Enhancing Target Coverage in
 * Directional Sensor Networks", NeurIPS 2020; repository XuJing1022/HiT-MAC): the attention layer
 * as a model, the executor and the coordinator, with the authors' {@code state_dict} names so
 * their published models load through {@code importTorch}.
 *
 * <p>Dimension legend: B batch, A agents (cameras), T targets, P camera-target pairs
 * (cameras × targets), F features per target or pair, D attention width {@code dAtt}.
 */
package org.sdzoo.zoo.models.hitmac;
